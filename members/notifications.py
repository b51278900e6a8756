"""Notification texts of members (turned into words in the recipient's language)."""

from django.utils.translation import gettext as _

from approvals.services import notification_text


@notification_text("members.reference_requested")
def _reference_requested(params):
    return (
        _("Référence demandée : %(organisation)s (%(reference)s)") % params,
        _(
            "L'organisation %(organisation)s demande l'adhésion au réseau et cite la vôtre comme référence. "
            "Confirmez ou déclinez depuis Relais, rubrique « Références à confirmer »."
        )
        % params,
    )
