"""An awarded joint proposal with its agreement, for the tests of expenses,
results and reports: a lead and two partners (A, B), each with a focal point
and a budget line, an indicator in the logical framework."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from approvals.services import dossier_create
from grants.models import BudgetLine, ExchangeRate, GrantAgreement, JointProposal, LogframeItem, ProposalPartner
from tests.grants.factories import FunderFactory, member_with_focal_point


@dataclass
class World:
    fundraiser: object
    lead: object
    lead_focal: object
    partner_a: object
    focal_a: object
    partner_b: object
    focal_b: object
    proposal: object
    agreement: object
    lines: dict
    indicator: object


def build_world(fundraiser, *, received=Decimal("65000"), funder_language="") -> World:
    lead, lead_focal = member_with_focal_point(email="lead@example.org")
    partner_a, focal_a = member_with_focal_point(email="pa@example.org", country="TD")
    partner_b, focal_b = member_with_focal_point(email="pb@example.org", country="CF")
    for organisation, name, acronym in ((partner_a, "Association Alpha", "ALPHA"), (partner_b, "Bravo Droits", "BRAVO")):
        organisation.name, organisation.acronym = name, acronym
        organisation.save(update_fields=["name", "acronym"])
    proposal = dossier_create(JointProposal, by=fundraiser, title="Protéger les défenseurs", lead_organisation=lead, currency="EUR")
    for organisation in (partner_a, partner_b):
        ProposalPartner.objects.create(proposal=proposal, organisation=organisation, role="Suivi", budget_share_percent=Decimal("25"))
    lines = {
        "lead": BudgetLine.objects.create(proposal=proposal, organisation=lead, category="staff", description="Coordination",
                                          amount=Decimal("30000"), currency="EUR"),
        "a": BudgetLine.objects.create(proposal=proposal, organisation=partner_a, category="activities", description="Ateliers",
                                       amount=Decimal("20000"), currency="EUR"),
        "b": BudgetLine.objects.create(proposal=proposal, organisation=partner_b, category="activities", description="Formations",
                                       amount=Decimal("15000"), currency="EUR"),
    }
    objective = LogframeItem.objects.create(proposal=proposal, kind="objective", text="Les défenseurs sont mieux protégés")
    result = LogframeItem.objects.create(proposal=proposal, kind="result", parent=objective, text="Des défenseurs formés")
    indicator = LogframeItem.objects.create(proposal=proposal, kind="indicator", parent=result, text="Défenseurs formés", target="120")
    funder = FunderFactory(name="Fondation Horizon", language=funder_language)
    agreement = GrantAgreement.objects.create(
        proposal=proposal, funder=funder, amount=Decimal("65000"), currency="EUR", state=GrantAgreement.State.ACTIVE,
        starts_on=date(2026, 1, 1), ends_on=date(2027, 12, 31), received_total=received,
    )
    ExchangeRate.objects.create(from_currency="EUR", to_currency="XAF", rate=Decimal("655.957"), valid_on=date(2026, 1, 1))
    return World(fundraiser, lead, lead_focal, partner_a, focal_a, partner_b, focal_b, proposal, agreement, lines, indicator)
