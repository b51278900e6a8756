"""Home section ("Ce qui m'attend"): a working group's documents still with the group."""

from django.contrib.auth.models import Group
from django.db.models import OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.home import exists, probe, register_probe

from .models import Document, WorkingGroup

# Whether the person belongs to a working group, read with the other probes in one query.
register_probe(
    "governance.groups",
    exists(
        WorkingGroup.objects.filter(
            Q(committee__members=OuterRef("pk"))
            | Q(committee__chair=OuterRef("pk"))
            | Q(role__in=Group.objects.filter(user=OuterRef(OuterRef("pk"))).values("name"))
        )
    ),
)


def group_documents(request):
    user = request.user
    if not probe(request, "governance.groups"):
        return None
    groups = list(WorkingGroup.objects.filter(WorkingGroup.membership_q(user)).select_related("committee").distinct())
    if not groups:
        return None
    documents = list(
        Document.objects.filter(working_group__in=groups, state__in=[*Document.OPEN_STATES, Document.State.COPIL_REVIEW])
        .select_related("working_group__committee")
        .order_by("-updated_at")[:20]
    )
    return [
        {
            "title": _("Documents de mes groupes de travail"),
            "items": [
                {"label": f"{document.reference} — {document.title}", "url": document.get_absolute_url(),
                 "meta": f"{document.working_group.name} · {document.get_state_display()}", "overdue": False}
                for document in documents
            ]
            + [{"label": group.name, "url": reverse("governance:group", kwargs={"slug": group.slug}), "meta": _("page du groupe"), "overdue": False}
               for group in groups],
            "empty_text": _("Aucun document de vos groupes n'attend."),
        }
    ]
