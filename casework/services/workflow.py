"""The domain's consequences of each state change of a case, run by the
engine inside the transition's transaction (Case.transitioned)."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from approvals.formatting import format_money
from approvals.models import Threshold
from approvals.services import ballot_open, notify, open_ballots_cancel, record_event

from ..models import Case, WellbeingCheck
from . import money
from .committee import emergency_committee

WELLBEING_DAYS = (30, 90)


def _ballot_deadline(case):
    """The committee answers by the case's deadline; if that has passed, within a day."""
    now = timezone.now()
    if case.deadline_at and case.deadline_at > now:
        return case.deadline_at
    return now + timedelta(hours=24)


def open_decision_ballot(case, *, by=None):
    committee = emergency_committee()
    open_ballots_cancel(dossier=case, reason=_("Remplacé par un nouveau scrutin."))
    common = {
        "dossier": case,
        "committee": committee,
        "proposed_amount": case.proposed_amount,
        "currency": case.currency,
        "deadline": _ballot_deadline(case),
    }
    if case.fast_tracked:
        chair_id = committee.chair_id or (by.pk if by is not None else None)
        return ballot_open(
            question=_("Procédure accélérée : accorder %(amount)s %(currency)s au cas %(reference)s ?")
            % {"amount": format_money(case.proposed_amount), "currency": case.currency, "reference": case.reference},
            threshold=Threshold.SINGLE_APPROVER,
            seat_ids=[chair_id],
            **common,
        )
    return ballot_open(
        question=_("Accorder %(amount)s %(currency)s au cas %(reference)s ?")
        % {"amount": format_money(case.proposed_amount), "currency": case.currency, "reference": case.reference},
        **common,
    )


def _open_ratification_ballot(case):
    """The whole committee, the chair aside, ratifies the chair's decision."""
    committee = emergency_committee()
    seats = set(committee.members.values_list("pk", flat=True)) - {committee.chair_id} - case.tied_user_ids()
    if not seats:
        record_event(case, comment=_("Aucun autre membre du comité ne peut ratifier la décision : ajoutez des membres au comité."))
        return None
    return ballot_open(
        dossier=case,
        committee=committee,
        question=_("Ratifier la décision accélérée %(decision)s sur le cas %(reference)s ?")
        % {"decision": case.decision_reference, "reference": case.reference},
        seat_ids=sorted(seats),
        proposed_amount=case.approved_amount,
        currency=case.currency,
        decision_transitions=dict(Case.ratification_transitions),
    )


def case_transitioned(case: Case, entry) -> None:
    name, source, target = entry.transition, entry.from_state, entry.to_state
    if name in ("send_to_committee", "fast_track", "revise_proposal"):
        open_decision_ballot(case, by=entry.actor)
    elif name == "approve":
        money.commitment_create(case=case)
        if case.fast_tracked:
            _open_ratification_ballot(case)
    elif name == "refuse_ratification":
        chair_id = emergency_committee().chair_id
        notify({chair_id} - {None}, "casework.ratification_refused", {"reference": case.reference}, url=case.get_absolute_url(), sensitive=True)
    elif name == "start_follow_up":
        today = timezone.localdate()
        WellbeingCheck.objects.bulk_create(
            [WellbeingCheck(case=case, due_on=today + timedelta(days=days)) for days in WELLBEING_DAYS], ignore_conflicts=True
        )
    elif name == "resume" and target == Case.State.COMMITTEE_REVIEW:
        open_decision_ballot(case, by=entry.actor)

    if target in (Case.State.WITHDRAWN, Case.State.REFERRED) or (name == "hold" and source == Case.State.COMMITTEE_REVIEW):
        open_ballots_cancel(dossier=case, reason=_("Le cas a changé d'état."))
    if target in (Case.State.CLOSED, Case.State.WITHDRAWN):
        money.commitment_release(case=case)
