"""An awarded joint proposal with two partners and its grant agreement, made
through the services and the award transition (as in the application)."""

from dataclasses import dataclass
from decimal import Decimal

from approvals.services import perform
from grants.models import GrantAgreement, JointProposal
from grants.services import budget_line_add, proposal_create, proposal_partner_add
from tests.grants.factories import member_with_focal_point


@dataclass
class World:
    proposal: JointProposal
    agreement: GrantAgreement
    lead: object
    lead_focal: object
    first: object
    first_focal: object
    second: object
    second_focal: object

    def share(self, organisation):
        return self.agreement.shares.get(organisation=organisation)

    def refresh(self):
        self.agreement.refresh_from_db()
        return self.agreement


def awarded(fundraiser, *, budget=Decimal("10000000"), currency="XAF", prefix="") -> World:
    """Lead + two partners (30 % and 20 %), one budget line of `budget`, awarded."""
    lead, lead_focal = member_with_focal_point(email=f"{prefix}lead@example.org")
    first, first_focal = member_with_focal_point(email=f"{prefix}first@example.org", country="GA")
    second, second_focal = member_with_focal_point(email=f"{prefix}second@example.org", country="TD")
    proposal = proposal_create(by=fundraiser, title="Réseau d'alerte", lead_organisation_id=lead.pk, currency=currency)
    ref = proposal.reference
    proposal_partner_add(reference=ref, by=lead_focal, organisation_id=first.pk, role="Formation", budget_share_percent=Decimal("30"))
    proposal_partner_add(reference=ref, by=lead_focal, organisation_id=second.pk, role="Plaidoyer", budget_share_percent=Decimal("20"))
    budget_line_add(reference=ref, by=lead_focal, organisation_id=lead.pk, category="staff", description="Coordination",
                    amount=budget, currency=currency)
    # The road through the COPIL is proven in test_story; here the proposal is at the donor.
    JointProposal.objects.filter(pk=proposal.pk).update(state=JointProposal.State.SUBMITTED)
    proposal.refresh_from_db()
    perform(proposal, "award", by=fundraiser)
    proposal.refresh_from_db()
    return World(proposal, GrantAgreement.objects.get(proposal=proposal), lead, lead_focal, first, first_focal, second, second_focal)
