"""Home sections ("Ce qui m'attend"): a working group's documents still with
the group; an open vote where the person casts an organisation's vote."""

from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.home import exists, probe, register_probe
from members.models import Organisation

from . import election_selectors as selectors
from .models import Document, Election, WorkingGroup

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

# Read with the other probes in one query: is any vote open while the person
# is a focal point of a member in good standing?
register_probe(
    "governance.open_vote",
    exists(
        Election.objects.filter(state=Election.State.VOTING).filter(
            Exists(Organisation.objects.filter(state=Organisation.State.ACTIVE, focal_points=OuterRef(OuterRef("pk"))))
        )
    ),
)


def elections_to_vote(request):
    if not probe(request, "governance.open_vote"):
        return None
    items = [
        {
            "label": election.title,
            "url": reverse("governance:vote", kwargs={"pk": election.pk}),
            "meta": _("Vote de : %(organisations)s") % {"organisations": ", ".join(str(o) for o in waiting)},
            "overdue": False,
        }
        for election, waiting in selectors.open_elections_for(request.user)
    ]
    return [
        {
            "title": _("Élections : votre organisation vote"),
            "items": items,
            "empty_text": _("Votre organisation a voté à toutes les élections ouvertes."),
        }
    ]
