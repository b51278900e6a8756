"""The reports due to donors on "Ce qui m'attend": for the fundraising group
every open report due within 30 days or overdue; for the focal points of the
lead (and of a partner, for its own reports) theirs, overdue ones flagged."""

from datetime import timedelta

from django.db.models import OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.home import exists, probe, register_probe
from accounts.roles import Role

from .models.grant_reports import DonorReport

HORIZON = timedelta(days=30)


def _open():
    return DonorReport.objects.filter(state__in=DonorReport.OPEN_STATES)


def _mine(person):
    return Q(agreement__proposal__lead_organisation__focal_points=person) | Q(organisation__focal_points=person)


register_probe("grants.reports_any", exists(_open()))
# The lead's reports and a partner's, as two probes: one EXISTS over both
# joins (an OR) made PostgreSQL walk every organisation on each home page.
register_probe(
    "grants.reports_as_lead", exists(_open().filter(agreement__proposal__lead_organisation__focal_points=OuterRef("pk")))
)
register_probe("grants.reports_as_partner", exists(_open().filter(organisation__focal_points=OuterRef("pk"))))


def reports_due(request):
    user = request.user
    if not user.is_authenticated:
        return None
    fundraiser = user.has_role(Role.FUNDRAISING_GROUP) and probe(request, "grants.reports_any")
    if not fundraiser and not (probe(request, "grants.reports_as_lead") or probe(request, "grants.reports_as_partner")):
        return None
    today = timezone.localdate()
    reports = _open().filter(due_on__lte=today + HORIZON)
    if not fundraiser:
        reports = reports.filter(_mine(user)).distinct()
    rows = list(reports.select_related("agreement__proposal", "period").order_by("due_on", "pk")[:20])
    if not rows:
        return None
    return [
        {
            "title": _("Rapports aux bailleurs à remettre"),
            "items": [
                {
                    "label": f"{r.agreement.proposal.reference} — {r}",
                    "url": reverse("grants:agreement-report", kwargs={"pk": r.agreement_id, "report_pk": r.pk}),
                    "meta": _("à remettre le %(date)s") % {"date": date_format(r.due_on, "SHORT_DATE_FORMAT")},
                    "overdue": r.due_on < today,
                }
                for r in rows
            ],
            "empty_text": "",
        }
    ]
