"""The domain's consequences of each state change of an opportunity or a
proposal, run by the engine inside the transition's transaction (the
models' `transitioned` hooks hand over here)."""

from django.utils.translation import gettext as _

from approvals.models import Committee
from approvals.services import ballot_open, open_ballots_cancel, perform

from ..models import JointProposal, Opportunity

# The call follows its proposal: submitted, then the donor's answer.
# Proposal state reached -> (the call's transition, the state the call must be in).
OPPORTUNITY_FOLLOWS = {
    JointProposal.State.SUBMITTED: ("submit", Opportunity.State.PURSUING),
    JointProposal.State.AWARDED: ("award", Opportunity.State.SUBMITTED),
    JointProposal.State.NOT_FUNDED: ("decline", Opportunity.State.SUBMITTED),
}


def _copil():
    return Committee.objects.get(code="copil")


def opportunity_transitioned(*, opportunity: Opportunity, entry) -> None:
    """Entering go / no-go opens the COPIL's ballot; dropped or expired while
    the COPIL decides, its open ballot is cancelled."""
    State = Opportunity.State
    if entry.to_state == State.GO_NO_GO and entry.from_state != State.GO_NO_GO:
        ballot_open(
            dossier=opportunity,
            committee=_copil(),
            question=_("Donner suite à l'appel « %(title)s » (%(funder)s) ?")
            % {"title": opportunity.title, "funder": opportunity.funder.name},
            decision_transitions=opportunity.decision_transitions,
        )
    elif entry.from_state == State.GO_NO_GO and entry.to_state in (State.DROPPED, State.EXPIRED):
        open_ballots_cancel(dossier=opportunity, reason=opportunity.state_label(opportunity.state))


def proposal_transitioned(*, proposal: JointProposal, entry) -> None:
    """Asking the COPIL opens its ballot; abandoned meanwhile, the ballot is
    cancelled. The call a proposal answers follows it: submitted, awarded,
    declined (only from the state the call is expected to be in). Awarded, its
    grant agreement is opened (once)."""
    State = JointProposal.State
    if entry.to_state == State.COPIL_VALIDATION and entry.from_state != State.COPIL_VALIDATION:
        ballot_open(
            dossier=proposal,
            committee=_copil(),
            question=_("Valider la proposition « %(title)s » ?") % {"title": proposal.title},
            decision_transitions=proposal.decision_transitions,
        )
    elif entry.from_state == State.COPIL_VALIDATION and entry.to_state == State.ABANDONED:
        open_ballots_cancel(dossier=proposal, reason=proposal.state_label(proposal.state))
    if entry.to_state == State.AWARDED and entry.from_state != State.AWARDED:
        from .agreements import agreement_open_for_award

        agreement_open_for_award(proposal=proposal)
    if proposal.opportunity_id and entry.to_state in OPPORTUNITY_FOLLOWS and entry.from_state != entry.to_state:
        name, expected = OPPORTUNITY_FOLLOWS[entry.to_state]
        opportunity = Opportunity.objects.get(pk=proposal.opportunity_id)
        if opportunity.state == expected:
            perform(opportunity, name, by=None, system=True, comment=_("Suite de %(ref)s.") % {"ref": proposal.reference})
