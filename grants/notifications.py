"""Notification texts of grants (worded in the recipient's language at delivery)."""

from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from approvals.services import notification_text


def _deadline(value: str, zone: str) -> str:
    moment = parse_datetime(value or "")
    if moment is None:
        return "—"
    return date_format(timezone.localtime(moment, ZoneInfo(zone or "UTC")), "DATETIME_FORMAT")


@notification_text("grants.partner_invited")
def _partner_invited(params):
    return (
        _("Votre organisation est invitée comme partenaire : %(reference)s") % params,
        _(
            "%(organisation)s est proposée comme partenaire du projet « %(title)s » (%(reference)s). "
            "Vérifiez son rôle et sa part du budget, puis confirmez votre participation dans Relais."
        )
        % params,
    )


@notification_text("grants.partner_confirmed")
def _partner_confirmed(params):
    return (
        _("Participation confirmée : %(organisation)s (%(reference)s)") % params,
        _("%(organisation)s a confirmé sa participation à la proposition %(reference)s.") % params,
    )


@notification_text("grants.weekly_digest")
def _weekly_digest(params):
    lines = [
        _("- %(reference)s · %(title)s (%(funder)s) : date limite le %(deadline)s")
        % {**item, "deadline": _deadline(item.get("deadline", ""), params.get("tz", ""))}
        for item in params.get("items", [])
    ]
    intro = [_("Appels dont une date limite tombe dans les 30 prochains jours :")] if lines else [
        _("Aucune date limite dans les 30 prochains jours.")
    ]
    spotted = params.get("spotted", 0)
    outro = [_("%(count)d appel(s) repéré(s) cette semaine.") % {"count": spotted}] if spotted else []
    return (
        _("Veille des financements : semaine %(week)s") % params,
        "\n".join([*intro, *lines, "", *outro]).strip(),
    )


@notification_text("grants.transfer_to_confirm")
def _transfer_to_confirm(params):
    return (
        _("Transfert à confirmer : %(reference)s") % params,
        _(
            "Un transfert à un partenaire du projet %(reference)s attend la confirmation d'une deuxième personne. "
            "Ouvrez l'accord de financement dans Relais pour le confirmer ou le refuser."
        )
        % params,
    )
