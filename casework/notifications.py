"""The emergency fund's notifications. They name a reference at most: never
a person, a place or what happened (emails about cases say even less, see
approvals.services.notifications)."""

from django.utils.translation import gettext as _

from approvals.services import notification_text


@notification_text("casework.case_received")
def _case_received(params):
    return (
        _("Nouvelle demande d'aide d'urgence : %(reference)s") % params,
        _("Une nouvelle demande d'aide d'urgence (%(reference)s) attend d'être prise en charge. Connectez-vous pour la consulter.")
        % params,
    )


@notification_text("casework.assigned")
def _assigned(params):
    return (
        _("Un cas vous est confié : %(reference)s") % params,
        _("Le cas %(reference)s vous est confié. Connectez-vous pour le consulter.") % params,
    )


@notification_text("casework.assessment_requested")
def _assessment_requested(params):
    return (
        _("Évaluation du risque demandée : %(reference)s") % params,
        _("Votre évaluation du risque est demandée pour le cas %(reference)s. Connectez-vous pour remplir le formulaire.") % params,
    )


@notification_text("casework.disbursement_to_confirm")
def _disbursement_to_confirm(params):
    return (
        _("Un décaissement attend votre confirmation : %(reference)s") % params,
        _("Un décaissement du cas %(reference)s attend la confirmation d'une deuxième personne.") % params,
    )


@notification_text("casework.ratification_refused")
def _ratification_refused(params):
    return (
        _("Décision accélérée non ratifiée : %(reference)s") % params,
        _("Le comité n'a pas ratifié la décision accélérée sur le cas %(reference)s : le cas est en attente de votre arbitrage.")
        % params,
    )


@notification_text("casework.wellbeing_due")
def _wellbeing_due(params):
    return (
        _("Point de suivi à faire : %(reference)s") % params,
        _("Un point de suivi (bien-être, justificatifs) est à faire pour le cas %(reference)s.") % params,
    )


@notification_text("casework.incident_verified")
def _incident_verified(params):
    return (
        _("Incident grave vérifié dans votre pays"),
        _("Un incident vérifié de gravité élevée a été signalé dans votre pays. Connectez-vous pour le consulter."),
    )
