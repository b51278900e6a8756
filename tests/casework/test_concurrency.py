"""Many requests at once on PostgreSQL: row locks and constraints, not luck,
keep the money exact."""

import uuid
from decimal import Decimal


from approvals.models import Ballot, Committee
from approvals.services import vote_cast
from casework.models import Case, Disbursement, Fund
from casework.services import MoneyRefused, case_assign, case_fast_track, disbursement_request
from tests.concurrency import on_postgresql, run_at_once
from tests.factories import UserFactory

from .factories import FundFactory, make_case

pytestmark = on_postgresql




def _committee():
    committee = Committee.objects.get(code="emergency")
    chair = UserFactory(roles=["emergency_chair"])
    members = [UserFactory(roles=["emergency_member"]) for _ in range(2)]
    committee.chair = chair
    committee.save()
    committee.members.set([chair, *members])
    return committee, chair


def _approved_case(*, chair, officer, fund, amount):
    case = make_case(urgency="critical", requested_amount=amount)
    case_assign(case_id=case.pk, officer=officer, by=chair)
    case_fast_track(case_id=case.pk, by=chair, proposed_amount=amount, fund_id=fund.pk)
    ballot = Ballot.objects.get(dossier_reference=case.reference, status=Ballot.Status.OPEN)
    vote_cast(ballot_id=ballot.pk, by=chair, choice="approve")
    case.refresh_from_db()
    assert case.state == Case.State.APPROVED
    return case


def test_twenty_disbursement_requests_against_a_fund_covering_three():
    # given a fund that received exactly three tranches' worth, all committed to one approved case
    committee, chair = _committee()
    officer = UserFactory(roles=["case_officer"])
    fund = FundFactory(contributions=["300000"])
    case = _approved_case(chair=chair, officer=officer, fund=fund, amount=Decimal("300000"))

    # when twenty different disbursement forms of 100 000 XAF arrive at once
    results = run_at_once(
        20,
        lambda i: disbursement_request(
            case_id=case.pk, by=officer, amount=Decimal("100000"), channel="mobile_money", idempotency_key=uuid.uuid4()
        ),
    )

    # then exactly three are paid, and the seventeen others are told why
    paid = [r for r in results if isinstance(r, tuple)]
    refused = [r for r in results if isinstance(r, MoneyRefused)]
    assert len(paid) + len(refused) == 20, [r for r in results if not isinstance(r, (tuple, MoneyRefused))]
    assert len(paid) == 3 and all(created for _, created in paid)
    assert len(refused) == 17
    assert all("dépasse le reste à verser" in str(r.reason) for r in refused)
    # and the money is exact to the unit
    case.refresh_from_db()
    fund = Fund.objects.get(pk=fund.pk)
    assert Disbursement.objects.filter(case=case).count() == 3
    assert case.disbursed_total == Decimal("300000.00") and case.pending_total == 0
    assert (fund.contributed_total, fund.committed_total, fund.disbursed_total) == (Decimal("300000"), Decimal("300000"), Decimal("300000"))
    assert fund.balance == Decimal("0") and fund.cash == Decimal("0")


def test_the_same_form_submitted_twice_at_once_records_one_disbursement():
    committee, chair = _committee()
    officer = UserFactory(roles=["case_officer"])
    fund = FundFactory(contributions=["300000"])
    case = _approved_case(chair=chair, officer=officer, fund=fund, amount=Decimal("300000"))
    key = uuid.uuid4()

    results = run_at_once(
        2, lambda i: disbursement_request(case_id=case.pk, by=officer, amount=Decimal("100000"), channel="bank", idempotency_key=key)
    )

    assert all(isinstance(r, tuple) for r in results), results
    assert sorted(created for _, created in results) == [False, True]
    assert results[0][0].pk == results[1][0].pk
    assert Disbursement.objects.filter(case=case).count() == 1
    case.refresh_from_db()
    assert case.disbursed_total == Decimal("100000")


def test_twenty_approvals_at_once_against_a_fund_covering_three():
    # given twenty critical cases of 100 000 XAF, each awaiting the chair's fast-track decision
    committee, chair = _committee()
    fund = FundFactory(contributions=["300000"])
    ballots = []
    for _ in range(20):
        case = make_case(urgency="critical", requested_amount=Decimal("100000"))
        case_fast_track(case_id=case.pk, by=chair, proposed_amount=Decimal("100000"), fund_id=fund.pk)
        ballots.append(Ballot.objects.get(dossier_reference=case.reference, status=Ballot.Status.OPEN))

    # when the chair approves all twenty at once
    results = run_at_once(20, lambda i: vote_cast(ballot_id=ballots[i].pk, by=chair, choice="approve"))

    # then the fund commits three, and refuses seventeen without recording their vote
    refused = [r for r in results if isinstance(r, MoneyRefused)]
    assert len(refused) == 17, [r for r in results if not isinstance(r, MoneyRefused)][:3]
    assert all("ne peut pas engager" in str(r.reason) for r in refused)
    assert Case.objects.filter(state=Case.State.APPROVED).count() == 3
    assert Case.objects.filter(state=Case.State.COMMITTEE_REVIEW).count() == 17
    fund = Fund.objects.get(pk=fund.pk)
    assert fund.committed_total == Decimal("300000") and fund.balance == Decimal("0")
    assert Ballot.objects.filter(status=Ballot.Status.OPEN, threshold="single_approver").count() == 17
