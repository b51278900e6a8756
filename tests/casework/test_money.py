"""Money rules, said once in the services and once more in the database."""

import uuid
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from approvals.models import Ballot, Notification
from approvals.services import TransitionRefused, perform, vote_cast
from casework.models import Case, Disbursement, Fund
from casework.services import (
    MoneyRefused,
    case_assign,
    case_fast_track,
    case_revise_proposal,
    disbursement_confirm,
    disbursement_refuse,
    disbursement_request,
)

from .factories import FundFactory, make_case
from tests.uploads.samples import pdf_bytes


@pytest.fixture
def approved(emergency, chair, officer):
    """A critical case approved at 300 000 XAF by the chair, from a fund of 1 000 000."""
    fund = FundFactory(contributions=["1000000"])
    case = make_case(urgency="critical", requested_amount=Decimal("400000"))
    case_assign(case_id=case.pk, officer=officer, by=chair)
    case_fast_track(case_id=case.pk, by=chair, proposed_amount=Decimal("300000"), fund_id=fund.pk)
    vote_cast(ballot_id=Ballot.objects.get(dossier_reference=case.reference, status="open").pk, by=chair, choice="approve")
    case.refresh_from_db()
    return case


def _pay(case, by, amount, key=None):
    return disbursement_request(case_id=case.pk, by=by, amount=Decimal(amount), channel="bank", idempotency_key=key or uuid.uuid4())


def test_the_same_disbursement_form_submitted_twice_records_one(approved, officer, client_for):
    client = client_for(officer)
    form = {"amount": "100000", "channel": "mobile_money", "reference": "MM-9", "idempotency_key": str(uuid.uuid4())}
    url = f"/urgence/cas/{approved.reference}/decaissements/nouveau/"
    first = client.post(url, {**form, "proof": SimpleUploadedFile("recu.pdf", pdf_bytes("proof"))})
    second = client.post(url, {**form, "proof": SimpleUploadedFile("recu.pdf", pdf_bytes("proof"))}, follow=True)
    assert first.status_code == 302 and second.status_code == 200
    assert "pas été compté deux fois" in second.content.decode()
    assert Disbursement.objects.filter(case=approved).count() == 1
    assert approved.documents.count() == 1  # the proof too, once
    approved.refresh_from_db()
    assert approved.disbursed_total == Decimal("100000")


def test_no_disbursement_without_approval(emergency, chair, officer):
    case = make_case()
    case_assign(case_id=case.pk, officer=officer, by=chair)
    with pytest.raises(MoneyRefused, match="sans approbation"):
        _pay(case, officer, "1000")
    assert not Disbursement.objects.exists()


def test_disbursed_never_exceeds_approved(approved, officer):
    _pay(approved, officer, "250000")
    with pytest.raises(MoneyRefused, match="reste à verser"):
        _pay(approved, officer, "50001")
    _pay(approved, officer, "50000")
    approved.refresh_from_db()
    assert approved.disbursed_total == approved.approved_amount == Decimal("300000")


def test_four_eyes_above_the_threshold(approved, officer, chair, committee_members, settings):
    settings.RELAIS_DISBURSEMENT_CONFIRMATION_THRESHOLD = {"XAF": "100000"}
    disbursement, _ = _pay(approved, officer, "150000")
    assert disbursement.status == Disbursement.Status.AWAITING_CONFIRMATION
    # the chair asked for one herself: she may not confirm it; another member may
    own, _ = disbursement_request(case_id=approved.pk, by=chair, amount=Decimal("100000"), channel="bank", idempotency_key=uuid.uuid4())
    with pytest.raises(MoneyRefused, match="autre personne"):
        disbursement_confirm(disbursement_id=own.pk, by=chair)
    with pytest.raises(MoneyRefused):
        disbursement_confirm(disbursement_id=disbursement.pk, by=officer)
    disbursement_confirm(disbursement_id=disbursement.pk, by=chair)
    disbursement_refuse(disbursement_id=own.pk, by=committee_members[0], reason="Doublon avec la tranche précédente")
    approved.refresh_from_db()
    assert (approved.disbursed_total, approved.pending_total) == (Decimal("150000"), Decimal("0"))
    # the database itself refuses a confirmation by the requester
    with pytest.raises(IntegrityError), transaction.atomic():
        Disbursement.objects.filter(pk=own.pk).update(confirmed_by=chair)


def test_the_database_refuses_what_the_services_refuse(approved):
    fund = Fund.objects.get(pk=approved.fund_id)
    with pytest.raises(IntegrityError), transaction.atomic():
        Fund.objects.filter(pk=fund.pk).update(committed_total=fund.contributed_total + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=approved.pk).update(disbursed_total=approved.approved_amount + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=approved.pk).update(approved_amount=approved.requested_amount + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Disbursement.objects.create(
            case=approved, fund=fund, amount=Decimal("-5"), currency="XAF", channel="bank",
            idempotency_key=uuid.uuid4(), status="confirmed", requested_by=approved.officer,
        )


def test_a_fund_cannot_commit_more_than_its_balance(emergency, chair):
    fund = FundFactory(contributions=["100000"])
    case = make_case(urgency="critical", requested_amount=Decimal("150000"))
    case_fast_track(case_id=case.pk, by=chair, proposed_amount=Decimal("150000"), fund_id=fund.pk)
    ballot = Ballot.objects.get(dossier_reference=case.reference, status="open")
    with pytest.raises(MoneyRefused, match="ne peut pas engager"):
        vote_cast(ballot_id=ballot.pk, by=chair, choice="approve")
    case.refresh_from_db()
    ballot.refresh_from_db()
    assert case.state == Case.State.COMMITTEE_REVIEW and ballot.is_open and not ballot.votes.exists()
    assert Fund.objects.get(pk=fund.pk).committed_total == 0
    # the chair revises the proposal: a new ballot replaces the first, and the smaller amount fits
    case_revise_proposal(case_id=case.pk, by=chair, proposed_amount=Decimal("100000"), fund_id=fund.pk)
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.CANCELLED
    again = Ballot.objects.get(dossier_reference=case.reference, status="open")
    vote_cast(ballot_id=again.pk, by=chair, choice="approve")
    case.refresh_from_db()
    assert case.state == Case.State.APPROVED and case.approved_amount == Decimal("100000")
    assert Fund.objects.get(pk=fund.pk).balance == 0


def test_the_approved_amount_never_exceeds_the_request(emergency, chair):
    fund = FundFactory(contributions=["1000000"])
    case = make_case(urgency="critical", requested_amount=Decimal("100000"))
    with pytest.raises(TransitionRefused, match="ne pas dépasser"):
        case_fast_track(case_id=case.pk, by=chair, proposed_amount=Decimal("100001"), fund_id=fund.pk)


def test_only_the_chair_decides_alone_and_only_on_critical_cases(emergency, chair, committee_members, officer):
    fund = FundFactory(contributions=["1000000"])
    standard = make_case(urgency="standard")
    with pytest.raises(TransitionRefused, match="critique"):
        case_fast_track(case_id=standard.pk, by=chair, proposed_amount=Decimal("1000"), fund_id=fund.pk)
    critical = make_case(urgency="critical")
    case_assign(case_id=critical.pk, officer=officer, by=chair)
    for someone in (committee_members[0], officer):
        with pytest.raises(TransitionRefused) as refused:
            case_fast_track(case_id=critical.pk, by=someone, proposed_amount=Decimal("1000"), fund_id=fund.pk)
        assert refused.value.status == 403


def test_refused_ratification_puts_the_case_on_hold_and_alerts_the_chair(approved, chair, committee_members, officer, relay_outbox):
    ratification = Ballot.objects.get(dossier_reference=approved.reference, status="open")
    for member in committee_members[:2]:
        vote_cast(ballot_id=ratification.pk, by=member, choice="reject")
    approved.refresh_from_db()
    assert approved.state == Case.State.ON_HOLD and approved.ratification_refused_at
    with pytest.raises(MoneyRefused):
        _pay(approved, officer, "1000")
    # the officer may not take it off hold; the chair may
    with pytest.raises(TransitionRefused):
        perform(approved, "resume", by=officer)
    perform(approved, "resume", by=chair)
    assert approved.state == Case.State.APPROVED
    relay_outbox()
    assert Notification.objects.filter(recipient=chair, subject__contains="non ratifiée").exists()


def test_withdrawing_gives_the_unpaid_amount_back_to_the_fund(approved, officer):
    _pay(approved, officer, "100000")
    perform(approved, "withdraw", by=officer, comment="La personne a quitté le pays par ses propres moyens.")
    fund = Fund.objects.get(pk=approved.fund_id)
    assert fund.committed_total == Decimal("100000") and fund.disbursed_total == Decimal("100000")
    assert fund.balance == Decimal("900000")


def test_the_case_page_says_who_confirmed_a_tranche_and_who_refused_one(approved, officer, chair, committee_members, settings, client_for):
    settings.RELAIS_DISBURSEMENT_CONFIRMATION_THRESHOLD = {"XAF": "100000"}
    confirmed, _ = _pay(approved, officer, "150000")
    refused, _ = _pay(approved, officer, "120000")
    disbursement_confirm(disbursement_id=confirmed.pk, by=chair)
    disbursement_refuse(disbursement_id=refused.pk, by=committee_members[0], reason="Doublon")

    page = client_for(chair).get(approved.get_absolute_url()).content.decode()

    assert f"confirmé par {chair}" in page
    assert f"refusé par {committee_members[0]}" in page
    assert "confirmé ou refusé" not in page
