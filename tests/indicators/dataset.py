"""A scripted year (2025, in Africa/Douala, UTC+1) whose indicators are known
by construction. Dossiers are created with the apps' factories, then their
past is written as fixtures: state, dates, timeline steps, tranches.

`build(scale=1)` returns the objects; `scale=2` makes the same story twice
(the query-count test compares both)."""

import datetime as dt
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType

from approvals.models import TimelineEntry
from approvals.services import dossier_create
from casework.models import Case, Disbursement, Incident
from grants.models import BudgetLine, ExchangeRate, JointProposal, Opportunity, ProposalCountry, ProposalPartner
from members.models import MembershipApplication, Organisation, Theme
from tests.casework.factories import FundFactory, make_case
from tests.factories import UserFactory
from tests.grants.factories import FunderFactory, make_opportunity
from tests.members.factories import ApplicationFactory, OrganisationFactory

DOUALA = ZoneInfo("Africa/Douala")
A = MembershipApplication.State
O = Opportunity.State
P = JointProposal.State


def at(year, month, day, hour=12, minute=0):
    """A moment in the network's time zone."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=DOUALA)


def step(dossier, to_state, when):
    TimelineEntry.objects.create(
        content_type=ContentType.objects.get_for_model(type(dossier)),
        object_id=dossier.pk,
        dossier_reference=dossier.reference,
        to_state=to_state,
        created_at=when,
    )


def _set(model, pk, **fields):
    model.objects.filter(pk=pk).update(**fields)


def applications():
    def application(state, submitted, decided=None, country="GA"):
        app = ApplicationFactory(country=country)
        _set(MembershipApplication, app.pk, state=state, submitted_at=submitted, decided_at=decided)
        return app

    # A: first submitted 1 March, asked for more, resubmitted 5 March, approved 11 March: 10 days.
    first = application(A.APPROVED, at(2025, 3, 5, 10), at(2025, 3, 11, 10))
    step(first, A.SUBMITTED, at(2025, 3, 1, 10))
    application(A.REJECTED, at(2025, 1, 5), at(2025, 1, 9))  # 4 days
    # Submitted 31 Dec 2024 23:30 in Douala, approved 1 Jan 2025 00:30 in Douala
    # (still 31 Dec in UTC): decided in 2025, received in 2024; one hour.
    application(A.APPROVED, at(2024, 12, 31, 23, 30), at(2025, 1, 1, 0, 30), country="CM")
    # Received 31 Dec 2025 23:30 in Douala (22:30 UTC): in 2025, not decided.
    application(A.COPIL_REVIEW, at(2025, 12, 31, 23, 30))
    # 1 Jan 2026 00:15 in Douala is 31 Dec 2025 in UTC: not in 2025.
    application(A.SUBMITTED, at(2026, 1, 1, 0, 15))
    ApplicationFactory()  # a draft: never counted


def members():
    civic, women = Theme.objects.get(code="civic-space"), Theme.objects.get(code="womens-rights")
    cm = [OrganisationFactory(country="CM", domains=[civic]) for _ in range(2)]
    ga = OrganisationFactory(country="GA", domains=[civic, women])
    OrganisationFactory(country="CM", state=Organisation.State.WITHDRAWN)
    late = OrganisationFactory(country="GA")
    _set(Organisation, late.pk, joined_on=dt.date(2026, 2, 1))
    return cm, ga


def opportunities(fundraiser):
    first_funder, second_funder = FunderFactory(), FunderFactory()

    def opportunity(funder, created, steps, state, themes=()):
        opp = make_opportunity(by=fundraiser, funder=funder, themes=themes)
        for to_state, when in steps:
            step(opp, to_state, when)
        _set(Opportunity, opp.pk, created_at=created, state=state, state_entered_at=steps[-1][1] if steps else created)
        return opp

    opportunity(first_funder, at(2025, 2, 1), [(O.PURSUING, at(2025, 3, 1)), (O.SUBMITTED, at(2025, 4, 1)), (O.AWARDED, at(2025, 6, 1))], O.AWARDED, themes=["civic-space"])
    opportunity(first_funder, at(2025, 5, 1), [(O.PURSUING, at(2025, 5, 10)), (O.SUBMITTED, at(2025, 6, 10)), (O.DECLINED, at(2025, 9, 1))], O.DECLINED)
    opportunity(second_funder, at(2024, 11, 1), [(O.PURSUING, at(2024, 12, 1)), (O.SUBMITTED, at(2025, 1, 15)), (O.AWARDED, at(2026, 1, 10))], O.AWARDED, themes=["womens-rights"])
    opportunity(second_funder, at(2025, 7, 1), [], O.SPOTTED)
    return first_funder


def proposals(fundraiser, cm, ga):
    ExchangeRate.objects.get_or_create(from_currency="EUR", to_currency="XAF", valid_on=dt.date(2025, 1, 1), defaults={"rate": Decimal("655.957")})

    def proposal(lead, currency, state, steps, lines, partners=(), created=at(2025, 1, 1)):
        prj = dossier_create(JointProposal, by=fundraiser, title="Projet", lead_organisation=lead, currency=currency)
        ProposalCountry.objects.create(proposal=prj, country=lead.country)
        for organisation in partners:
            ProposalPartner.objects.create(proposal=prj, organisation=organisation, role="Partenaire", budget_share_percent=Decimal("30"))
        for amount, line_currency in lines:
            BudgetLine.objects.create(proposal=prj, organisation=lead, category="activities", description="Ligne", amount=Decimal(amount), currency=line_currency)
        for to_state, when in steps:
            step(prj, to_state, when)
        _set(JointProposal, prj.pk, state=state, created_at=created)

    proposal(cm[0], "EUR", P.AWARDED, [(P.SUBMITTED, at(2025, 3, 1)), (P.AWARDED, at(2025, 8, 1))],
             [("10000", "EUR"), ("5000", "EUR"), ("1000000", "XAF")], partners=[ga])
    proposal(cm[1], "XAF", P.NOT_FUNDED, [(P.SUBMITTED, at(2025, 10, 1))], [("2000000", "XAF")])
    proposal(cm[0], "XAF", P.DRAFTING, [], [("50000", "XAF")])
    proposal(cm[1], "XAF", P.DRAFTING, [], [], created=at(2026, 1, 5))


# urgency, received, hours to decision, hours to first tranche (None: unpaid), gender, country, supports
CASES = [
    ("critical", at(2025, 2, 1, 10), 10, 24, "female", "CM", ("relocation", "medical")),
    ("critical", at(2025, 2, 10, 23, 30), 25, 72, "female", "CM", ("relocation", "medical")),
    ("critical", at(2025, 3, 1, 8), 6, None, "female", "GA", ("relocation",)),
    # received 31 Dec 2024 23:00 in Douala, decided 1 Jan 2025 00:30 there (still 2024 in UTC)
    ("critical", at(2024, 12, 31, 23), 1.5, None, "male", "GA", ("relocation",)),
    ("high", at(2025, 4, 1, 9), 48, 96, "male", "CM", ("legal",)),
    ("high", at(2025, 4, 2, 9), 80, 100, "male", "CM", ("legal",)),
    ("high", at(2025, 4, 3, 9), 70, 120, "male", "CM", ("legal",)),
    ("standard", at(2025, 5, 1, 9), 120, None, "female", "GA", ("subsistence",)),
    ("standard", at(2025, 5, 2, 9), 300, None, "non_binary", "GA", ("subsistence",)),
    ("standard", at(2025, 5, 3, 9), 200, None, "female", "TD", ("subsistence",)),
]
TRANCHE = {"critical": Decimal("100000"), "high": Decimal("300000")}


def cases():
    fund = FundFactory(currency="XAF", contributions=[Decimal("10000000")])
    asker, confirmer = UserFactory(roles=["case_officer"]), UserFactory(roles=["emergency_chair"])
    made = []
    for urgency, received, to_decision, to_paid, gender, country, supports in CASES:
        case = make_case(urgency=urgency, received_at=received, gender=gender, country=country, support=supports)
        decided = received + dt.timedelta(hours=to_decision)
        _set(Case, case.pk, decided_at=decided, state=Case.State.APPROVED if to_paid else Case.State.REJECTED)
        if to_paid:
            pay(case, fund, TRANCHE[urgency], received + dt.timedelta(hours=to_paid), asker, confirmer)
            # A later tranche, and one refused: neither moves the first tranche.
            pay(case, fund, Decimal("50000"), received + dt.timedelta(days=40), asker, confirmer)
            pay(case, fund, Decimal("1000"), received + dt.timedelta(hours=1), asker, confirmer, status=Disbursement.Status.REFUSED)
        made.append(case)
    return fund, made


def pay(case, fund, amount, when, asker, confirmer, status=Disbursement.Status.CONFIRMED):
    Disbursement.objects.create(
        case=case, fund=fund, amount=amount, currency="XAF", channel="mobile_money", idempotency_key=uuid.uuid4(),
        status=status, requested_by=asker, requested_at=when, confirmed_by=confirmer if status == "confirmed" else None,
        confirmed_at=when if status == "confirmed" else None,
    )


def incidents():
    recorder = UserFactory(roles=["country_focal_point"])
    rows = [
        ("CM", "threat", dt.date(2025, 1, 10)), ("CM", "threat", dt.date(2025, 1, 20)), ("CM", "threat", dt.date(2025, 1, 25)),
        ("CM", "threat", dt.date(2025, 3, 5)), ("GA", "arrest", dt.date(2025, 3, 1)), ("GA", "arrest", dt.date(2025, 3, 2)),
        ("GA", "arrest", dt.date(2025, 3, 3)), ("TD", "digital", dt.date(2024, 12, 31)),
    ]
    for country, kind, occurred_on in rows:
        Incident.objects.create(country=country, kind=kind, occurred_on=occurred_on, source="member", place="-", summary="-", recorded_by=recorder)
    Incident.objects.create(country="CM", kind="digital", occurred_on=dt.date(2025, 6, 1), source="member", place="-", summary="-",
                            recorded_by=recorder, verification=Incident.Verification.UNFOUNDED)


def build(scale: int = 1):
    fundraiser = UserFactory(roles=["fundraising_group"])
    for _ in range(scale):
        applications()
        cm, ga = members()
        opportunities(fundraiser)
        proposals(fundraiser, cm, ga)
        cases()
        incidents()
