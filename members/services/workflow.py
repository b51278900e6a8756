"""An application's way through the network: submitted, screened, sent to
the COPIL; and what each of its steps brings about."""

from django.db import transaction
from django.utils.translation import gettext as _

from approvals.letters.services import letter_request
from approvals.models import Decision
from approvals.services import ballot_open, open_ballots_cancel, perform, record_event

from .. import permissions
from ..models import MembershipApplication, Organisation
from ..selectors import access_application
from .common import MembersError, copil
from .directory import organisation_from_application
from .references import request_references


@transaction.atomic
def application_submit(*, application_id: int, by, comment: str = "") -> MembershipApplication:
    """Submit a draft, or send back an application completed after a request
    for information. Refused, with what is missing, when it is incomplete."""
    application = access_application(by, action="change", pk=application_id)
    transition = "resubmit" if application.state == MembershipApplication.State.INFORMATION_REQUESTED else "submit"
    if application.is_editable and not application.is_complete():
        raise MembersError(
            _("Il manque encore : %(missing)s.") % {"missing": " ; ".join(application.missing_for_submission())},
            status=400,
        )
    perform(application, transition, by=by, comment=comment)
    return application


@transaction.atomic
def application_screening_start(*, application_id: int, by, comment: str = "") -> MembershipApplication:
    application = access_application(by, pk=application_id)
    perform(application, "start_screening", by=by, comment=comment)
    return application


@transaction.atomic
def application_information_request(*, application_id: int, by, items, comment: str = "") -> MembershipApplication:
    """Ask the applicant for what is missing (one item per line); they complete and resubmit."""
    application = access_application(by, pk=application_id)
    perform(application, "request_information", by=by, comment=comment, items=items)
    return application


@transaction.atomic
def application_send_to_copil(*, application_id: int, by, recommendation: str, reasons: str = "") -> MembershipApplication:
    """The working group's opinion goes with the application to a COPIL ballot."""
    application = access_application(by, pk=application_id)
    if recommendation not in MembershipApplication.Recommendation.values:
        raise MembersError(_("Indiquez l'avis du groupe de travail (favorable ou défavorable)."), status=400)
    perform(application, "send_to_copil", by=by, comment=reasons, recommendation=recommendation, reasons=reasons)
    return application


@transaction.atomic
def application_link_organisation(*, application_id: int, by, organisation_id: int | None) -> MembershipApplication:
    """Screening found that the applicant is (or was) already in the directory:
    approval will update and reactivate that entry instead of creating one."""
    application = access_application(by, for_update=True, pk=application_id)
    if not permissions.may_screen(by):
        raise MembersError(_("Seul le groupe Adhésion peut rapprocher une demande du répertoire."), status=403)
    if not permissions.may_link_organisation(application, by):
        raise MembersError(_("Le rapprochement se fait pendant l'examen de la demande."))
    organisation = Organisation.objects.get(pk=organisation_id) if organisation_id else None
    application.organisation = organisation
    application.save(update_fields=["organisation", "updated_at"])
    if organisation is not None:
        comment = _("Rapprochée de l'entrée du répertoire %(reference)s (%(name)s).") % {
            "reference": organisation.reference, "name": organisation.name,
        }
    else:
        comment = _("Rapprochement avec le répertoire annulé.")
    record_event(application, by=by, comment=comment)
    return application


@transaction.atomic
def application_withdraw(*, application_id: int, by, comment: str = "") -> MembershipApplication:
    application = access_application(by, pk=application_id)
    perform(application, "withdraw", by=by, comment=comment)
    return application


# --- Consequences of a state change (run by perform, in its transaction) --------------------


def application_transitioned(*, application: MembershipApplication, entry) -> None:
    """What a step of the application brings about, in `perform`'s transaction
    (its hook `MembershipApplication.transitioned` hands it here)."""
    State = MembershipApplication.State
    if entry.to_state == State.SUBMITTED or (entry.to_state == State.SCREENING and entry.from_state == State.INFORMATION_REQUESTED):
        request_references(application)
    elif entry.to_state == State.INFORMATION_REQUESTED:
        letter_request(
            dossier=application, kind="information_requested",
            extra_context={"requested_items": list(application.requested_items)}, by=entry.actor,
        )
    elif entry.to_state == State.COPIL_REVIEW:
        _open_copil_ballot(application)
    elif entry.to_state == State.APPROVED:
        organisation_from_application(application=application, decision=entry_decision(entry))
    elif entry.to_state == State.WITHDRAWN and entry.from_state == State.COPIL_REVIEW:
        open_ballots_cancel(dossier=application, reason=_("Demande retirée par le demandeur."))


def entry_decision(entry):
    """The decision behind a transition fired by a ballot (the latest for this dossier)."""
    return Decision.objects.filter(dossier_reference=entry.dossier_reference).order_by("-decided_at", "-pk").first()


def _open_copil_ballot(application):
    opinion = application.get_recommendation_display() if application.recommendation else _("non précisé")
    question = _("Approuver l'adhésion de %(name)s (%(reference)s) ? Avis du groupe Adhésion : %(opinion)s.") % {
        "name": application.name, "reference": application.reference, "opinion": str(opinion).lower(),
    }
    ballot_open(dossier=application, committee=copil(), question=question[:300])
