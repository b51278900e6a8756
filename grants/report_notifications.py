"""Notification texts of the reports to donors (worded at delivery)."""

from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from approvals.services import notification_text


def _due(params) -> str:
    day = parse_date(params.get("due") or "")
    return date_format(day) if day else "—"


@notification_text("grants.report_due")
def _report_due(params):
    values = {**params, "due": _due(params)}
    return (
        _("Rapport au bailleur à remettre dans %(days)s jour(s) : %(project)s") % values,
        _("« %(report)s » du projet « %(project)s » est à remettre au bailleur le %(due)s. "
          "Générez le brouillon dans Relais, complétez-le et déposez-le pour approbation.") % values,
    )


@notification_text("grants.report_overdue")
def _report_overdue(params):
    values = {**params, "due": _due(params)}
    return (
        _("Rapport au bailleur en retard : %(project)s") % values,
        _("« %(report)s » du projet « %(project)s » devait être remis au bailleur le %(due)s.") % values,
    )
