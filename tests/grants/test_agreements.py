"""The grant agreement: opened once at the award, completed with the signed
document, tranches received at a recorded rate, transfers to partners held
to what was received and to each partner's share, four eyes above the
threshold, one transfer per form, and the database's own constraints."""

import html
import re
import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from approvals.services import perform
from grants.models import ExchangeRate, FunderTranche, GrantAgreement, JointProposal, PartnerTransfer
from grants.services import (
    agreement_open_for_award,
    tranche_expect,
    tranche_receive,
    transfer_confirm,
    transfer_record,
    transfer_refuse,
)
from tests.grants.agreement_world import awarded
from tests.grants.factories import FunderFactory
from tests.uploads.samples import pdf_bytes


@pytest.fixture(autouse=True)
def threshold(settings):
    settings.RELAIS_GRANT_TRANSFER_CONFIRM_ABOVE = {"XAF": "1000000", "EUR": "1500"}


@pytest.fixture
def world(fundraiser):
    return awarded(fundraiser)


def _receive(world, by, amount, **extra):
    data = {"received_on": date(2027, 1, 15), "amount": Decimal(amount), "currency": "XAF", "idempotency_key": uuid.uuid4()}
    data.update(extra)
    return tranche_receive(agreement_id=world.agreement.pk, by=by, **data)[0]


def _transfer(world, by, organisation, amount, key=None):
    return transfer_record(
        agreement_id=world.agreement.pk, by=by, share_id=world.share(organisation).pk, amount=Decimal(amount),
        sent_on=date(2027, 1, 20), idempotency_key=key or uuid.uuid4(),
    )


def _totals(world):
    a = world.refresh()
    first, second = world.share(world.first), world.share(world.second)
    return (a.received_total, a.pending_transfer_total, a.transferred_total,
            first.pending_transfer_total, first.transferred_total, second.pending_transfer_total, second.transferred_total)


def test_the_award_opens_the_agreement_once_with_the_partners_shares(world, fundraiser, client_for):
    agreement = world.agreement
    assert GrantAgreement.objects.count() == 1
    assert (agreement.amount, agreement.currency, agreement.state) == (Decimal("10000000"), "XAF", GrantAgreement.State.DRAFT)
    assert {s.organisation_id: s.amount for s in agreement.shares.all()} == {
        world.first.pk: Decimal("3000000.00"), world.second.pk: Decimal("2000000.00"),
    }
    # the hook run again (a replayed award) changes nothing
    again, created = agreement_open_for_award(proposal=world.proposal)
    assert (again.pk, created) == (agreement.pk, False)
    assert GrantAgreement.objects.count() == 1 and agreement.shares.count() == 2
    # and the proposal's page leads to it
    page = client_for(world.lead_focal).get(world.proposal.get_absolute_url()).content.decode()
    assert agreement.get_absolute_url() in page


def test_the_lead_completes_the_agreement_with_its_signed_document(world, client_for):
    funder = FunderFactory(name="Fondation Horizon")
    contact = funder.contacts.create(name="Awa Diallo", email="awa@horizon.example")
    client = client_for(world.lead_focal)
    url = f"/financements/accords/{world.agreement.pk}/modifier/"
    assert client.get(url).status_code == 200
    response = client.post(url, {
        "funder": funder.pk, "funder_contact": contact.pk, "funder_reference": "FH-2027-12", "amount": "12 000 000",
        "currency": "XAF", "starts_on": "2027-01-01", "ends_on": "2028-12-31", "signed_on": "2026-12-20",
        "conditions": "Rapport financier semestriel.",
        "signed_document": SimpleUploadedFile("accord.pdf", pdf_bytes()),
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    agreement = world.refresh()
    assert agreement.state == GrantAgreement.State.ACTIVE
    assert (agreement.funder, agreement.funder_contact, agreement.amount) == (funder, contact, Decimal("12000000"))
    assert agreement.signed_document_name.endswith(".pdf")
    # the shares follow the granted amount
    assert world.share(world.first).amount == Decimal("3600000.00")
    download = client.get(f"/financements/accords/{agreement.pk}/accord-signe/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    # a partner neither edits it nor downloads the signed agreement
    partner = client_for(world.first_focal)
    assert partner.get(url).status_code == 403
    assert partner.get(f"/financements/accords/{agreement.pk}/accord-signe/").status_code == 404


def test_a_tranche_in_another_currency_is_received_at_the_recorded_rate(world, fundraiser, client_for):
    expected = tranche_expect(agreement_id=world.agreement.pk, by=fundraiser, expected_on=date(2027, 1, 10),
                              expected_amount=Decimal("6559570"), label="Première tranche")
    client = client_for(fundraiser)
    form = client.get(f"/financements/accords/{world.agreement.pk}/tranches/reception/?tranche={expected.pk}")
    assert form.status_code == 200
    data = {"tranche": expected.pk, "received_on": "2027-01-15", "amount": "10 000", "currency": "EUR", "rate": "655,957",
            "rate_source": "BEAC", "reference": "VIR-1", "idempotency_key": str(uuid.uuid4())}
    response = client.post(f"/financements/accords/{world.agreement.pk}/tranches/reception/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    # the same form again records nothing more
    client.post(f"/financements/accords/{world.agreement.pk}/tranches/reception/", data)
    tranche = FunderTranche.objects.get()
    assert (tranche.state, tranche.amount, tranche.currency) == ("received", Decimal("10000.00"), "EUR")
    assert (tranche.rate, tranche.converted_amount) == (Decimal("655.95700000"), Decimal("6559570.00"))
    assert world.refresh().received_total == Decimal("6559570.00")
    assert world.agreement.expected_total == Decimal("6559570.00")
    # without a rate, the one recorded for the day is used; without any, refused and nothing changes
    ExchangeRate.objects.create(from_currency="USD", to_currency="XAF", rate=Decimal("600"), valid_on=date(2027, 1, 1))
    assert _receive(world, fundraiser, "100", currency="USD").converted_amount == Decimal("60000.00")
    with pytest.raises(ValidationError) as refused:
        _receive(world, fundraiser, "100", currency="CDF")
    assert "taux" in refused.value.messages[0]
    assert world.refresh().received_total == Decimal("6619570.00")


def test_a_transfer_above_the_threshold_waits_for_a_second_different_person(world, fundraiser, make_user, client_for):
    _receive(world, fundraiser, "3000000")
    transfer, created = _transfer(world, fundraiser, world.first, "1500000")
    assert created and transfer.state == PartnerTransfer.State.AWAITING_CONFIRMATION
    # held: neither free for another transfer nor counted as transferred
    assert _totals(world) == (Decimal("3000000"), Decimal("1500000"), 0, Decimal("1500000"), 0, 0, 0)
    # the person who recorded it cannot confirm it (page and service)
    confirm_url = f"/financements/accords/{world.agreement.pk}/transferts/{transfer.pk}/confirmer/"
    assert client_for(fundraiser).post(confirm_url).status_code == 403
    with pytest.raises(PermissionDenied):
        transfer_confirm(transfer_id=transfer.pk, by=fundraiser)
    # a partner cannot either
    assert client_for(world.first_focal).post(confirm_url).status_code == 403
    transfer.refresh_from_db()
    assert transfer.state == PartnerTransfer.State.AWAITING_CONFIRMATION
    # another member of the group confirms it
    colleague = make_user("fundraising_group", email="tresorerie@example.org")
    assert client_for(colleague).post(confirm_url).status_code == 302
    transfer.refresh_from_db()
    assert (transfer.state, transfer.confirmed_by) == (PartnerTransfer.State.CONFIRMED, colleague)
    assert _totals(world) == (Decimal("3000000"), 0, Decimal("1500000"), 0, Decimal("1500000"), 0, 0)
    # and the partner acknowledges receipt from its own account
    ack = f"/financements/accords/{world.agreement.pk}/transferts/{transfer.pk}/reception/"
    assert client_for(world.second_focal).post(ack).status_code == 404
    assert client_for(world.first_focal).post(ack).status_code == 302
    transfer.refresh_from_db()
    assert transfer.receipt_acknowledged_by == world.first_focal


def test_a_refused_transfer_frees_its_amount_and_a_small_one_needs_no_second_person(world, fundraiser, make_user):
    _receive(world, fundraiser, "3000000")
    big, _ = _transfer(world, fundraiser, world.second, "2000000")
    colleague = make_user("fundraising_group", email="tresorerie@example.org")
    with pytest.raises(ValidationError):
        transfer_refuse(transfer_id=big.pk, by=colleague, reason="  ")
    transfer_refuse(transfer_id=big.pk, by=colleague, reason="Mauvais compte")
    small, _ = _transfer(world, fundraiser, world.second, "1000000")
    assert small.state == PartnerTransfer.State.CONFIRMED and small.confirmed_by is None
    assert _totals(world) == (Decimal("3000000"), 0, Decimal("1000000"), 0, 0, 0, Decimal("1000000"))


def test_a_transfer_beyond_what_was_received_or_beyond_the_share_is_refused_and_changes_nothing(world, fundraiser, client_for):
    _receive(world, fundraiser, "2500000")
    _transfer(world, fundraiser, world.first, "1000000")
    before = _totals(world)
    client = client_for(world.lead_focal)
    url = f"/financements/accords/{world.agreement.pk}/transferts/nouveau/"
    over_received = {"share": world.share(world.first).pk, "amount": "1 600 000", "sent_on": "2027-02-01",
                     "idempotency_key": str(uuid.uuid4())}
    response = client.post(url, over_received)
    assert response.status_code == 400
    text = re.sub(r"[\s\u202f\xa0]", "", html.unescape(response.content.decode()))
    assert "dépassecequiaétéreçudubailleuretpasencoretransféré(1500000XAFdisponibles)" in text
    # beyond the share: the second partner's share is 2 000 000
    _receive(world, fundraiser, "5000000")
    with pytest.raises(ValidationError) as refused:
        _transfer(world, fundraiser, world.second, "2000000.01")
    assert "dépasse le reste de la part de" in refused.value.messages[0]
    after = _totals(world)
    assert after[1:] == before[1:] and after[0] == before[0] + Decimal("5000000")
    assert PartnerTransfer.objects.count() == 1


def test_the_same_transfer_form_submitted_twice_records_one_transfer(world, fundraiser, client_for):
    _receive(world, fundraiser, "3000000")
    client = client_for(fundraiser)
    url = f"/financements/accords/{world.agreement.pk}/transferts/nouveau/"
    page = client.get(url).content.decode()
    assert 'name="idempotency_key"' in page
    form = {"share": world.share(world.first).pk, "amount": "500 000", "sent_on": "2027-02-01", "reference": "VIR-7",
            "idempotency_key": str(uuid.uuid4()), "proof": SimpleUploadedFile("preuve.pdf", pdf_bytes())}
    assert client.post(url, form).status_code == 302
    form["proof"] = SimpleUploadedFile("preuve.pdf", pdf_bytes())
    second = client.post(url, form, follow=True)
    assert "il n&#x27;a pas été compté deux fois" in second.content.decode()
    assert PartnerTransfer.objects.count() == 1
    assert world.refresh().transferred_total == Decimal("500000")
    transfer = PartnerTransfer.objects.get()
    proof = client_for(world.first_focal).get(f"/financements/accords/{world.agreement.pk}/transferts/{transfer.pk}/preuve/")
    assert proof.status_code == 200


def test_the_database_refuses_running_totals_that_break_the_rules(world, fundraiser):
    _receive(world, fundraiser, "1000000")
    agreement = world.agreement
    with pytest.raises(IntegrityError), transaction.atomic():
        GrantAgreement.objects.filter(pk=agreement.pk).update(transferred_total=Decimal("1000000.01"))
    with pytest.raises(IntegrityError), transaction.atomic():
        GrantAgreement.objects.filter(pk=agreement.pk).update(transferred_total=Decimal("600000"), pending_transfer_total=Decimal("500000"))
    share = world.share(world.second)
    with pytest.raises(IntegrityError), transaction.atomic():
        type(share).objects.filter(pk=share.pk).update(transferred_total=share.amount + Decimal("0.01"))
    transfer, _ = _transfer(world, fundraiser, world.first, "1000")
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnerTransfer.objects.filter(pk=transfer.pk).update(confirmed_by=fundraiser)
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnerTransfer.objects.create(agreement=agreement, share=share, amount=Decimal("10"), currency="XAF",
                                       sent_on=date(2027, 1, 1), state="confirmed", requested_by=fundraiser,
                                       idempotency_key=transfer.idempotency_key)
    assert _totals(world)[:3] == (Decimal("1000000"), 0, Decimal("1000"))


def test_nothing_is_recorded_on_a_closed_agreement_nor_by_someone_outside(world, fundraiser, make_user):
    outsider = make_user("member_focal_point", email="autre@example.org")
    with pytest.raises(PermissionDenied):
        _receive(world, outsider, "1000")
    with pytest.raises(PermissionDenied):
        _receive(world, world.first_focal, "1000")
    GrantAgreement.objects.filter(pk=world.agreement.pk).update(state=GrantAgreement.State.CLOSED)
    with pytest.raises(ValidationError):
        _receive(world, fundraiser, "1000")
    assert FunderTranche.objects.count() == 0


def test_the_award_replayed_by_the_engine_keeps_one_agreement(world, fundraiser):
    JointProposal.objects.filter(pk=world.proposal.pk).update(state=JointProposal.State.SUBMITTED)
    world.proposal.refresh_from_db()
    perform(world.proposal, "award", by=fundraiser)
    assert GrantAgreement.objects.filter(proposal=world.proposal).count() == 1


def test_rates_and_totals_beyond_the_columns_are_refused_with_a_reason(world, fundraiser):
    for rate in ("1e309", "0.000000001"):
        with pytest.raises(ValidationError):
            _receive(world, fundraiser, "1", currency="EUR", rate=Decimal(rate))
    with pytest.raises(ValidationError) as refused:
        _receive(world, fundraiser, "99999999999999", currency="EUR", rate=Decimal("655.957"))
    assert refused.value.messages == ["Montant trop élevé."]
    assert FunderTranche.objects.count() == 0 and world.refresh().received_total == 0
