"""Home sections ("Ce qui m'attend") contributed by members."""

from django.db.models import OuterRef
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.home import exists, probe, register_probe
from accounts.roles import Role

from . import selectors

# Whether the person has any application, any reference to answer (the same
# rows as selectors.applications_of and selectors.references_waiting), read
# with the other sections' probes in one query.
register_probe("members.applications", selectors.has_applications(OuterRef("pk")))
register_probe("members.references", exists(selectors.references_waiting_for(OuterRef("pk"))))


def applications_to_screen(request):
    user = request.user
    if not user.has_role(Role.MEMBERSHIP_GROUP):
        return None
    items = [
        {
            "label": f"{application.reference} — {application.name}",
            "url": application.get_absolute_url(),
            "meta": application.get_state_display()
            + (
                " · " + _("échéance le %(date)s") % {"date": date_format(application.deadline_at, "SHORT_DATE_FORMAT")}
                if application.deadline_at
                else ""
            ),
            "overdue": application.is_overdue,
        }
        for application in selectors.applications_to_screen(user)[:20]
    ]
    return [
        {
            "title": _("Demandes à examiner"),
            "items": items,
            "empty_text": _("Aucune demande d'adhésion n'attend votre examen."),
            "role": Role.MEMBERSHIP_GROUP,
        }
    ]


def my_applications(request):
    user = request.user
    if not probe(request, "members.applications") and not user.has_role(Role.APPLICANT):
        return None
    applications = list(selectors.applications_of(user)[:10])
    items = [
        {
            "label": f"{application.reference} — {application.name}",
            "url": application.get_absolute_url(),
            "meta": application.public_state,
            "overdue": False,
        }
        for application in applications
    ]
    return [
        {
            "title": _("Mes demandes"),
            "items": items,
            "empty_text": _("Vous n'avez pas encore de demande d'adhésion."),
            "role": Role.APPLICANT,
        }
    ]


def references_to_confirm(request):
    references = list(selectors.references_waiting(request.user)[:20]) if probe(request, "members.references") else []
    if not references and not request.user.has_role(Role.MEMBER_FOCAL_POINT):
        return None
    return [
        {
            "title": _("Références à confirmer"),
            "items": [
                {
                    "label": f"{reference.application.name} ({reference.application.reference})",
                    "url": reverse("members:reference", kwargs={"pk": reference.pk}),
                    "meta": _("référence demandée à %(organisation)s") % {"organisation": reference.organisation.display_name},
                }
                for reference in references
            ],
            "empty_text": _("Aucune référence n'attend la réponse de votre organisation."),
            "role": Role.MEMBER_FOCAL_POINT,
        }
    ]
