"""Who sees what of a grant agreement: a partner its own share and transfers
only (every URL tried with the wrong partner answers 403 or 404), someone
outside the project nothing at all, the COPIL and auditors everything
without acting."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from grants.models import PartnerTransfer
from grants.services import tranche_receive, transfer_record
from tests.grants.agreement_world import awarded
from tests.grants.factories import member_with_focal_point
from tests.uploads.samples import pdf_bytes


@pytest.fixture
def world(fundraiser, settings):
    settings.RELAIS_GRANT_TRANSFER_CONFIRM_ABOVE = {"XAF": "1000000"}
    world = awarded(fundraiser)
    pk = world.agreement.pk
    tranche_receive(agreement_id=pk, by=fundraiser, received_on=date(2027, 1, 15), amount=Decimal("3000000"),
                    currency="XAF", idempotency_key=uuid.uuid4())
    for organisation, amount in ((world.first, "500000"), (world.second, "1500000")):
        transfer_record(agreement_id=pk, by=fundraiser, share_id=world.share(organisation).pk, amount=Decimal(amount),
                        sent_on=date(2027, 1, 20), idempotency_key=uuid.uuid4(),
                        proof_upload=SimpleUploadedFile("preuve.pdf", pdf_bytes()))
    world.own = PartnerTransfer.objects.get(share__organisation=world.first)  # confirmed
    world.other = PartnerTransfer.objects.get(share__organisation=world.second)  # awaiting a second person
    return world


def _base(world):
    return f"/financements/accords/{world.agreement.pk}/"


def _transfer_urls(world, transfer):
    base = f"{_base(world)}transferts/{transfer.pk}/"
    return [("GET", f"{base}preuve/"), ("POST", f"{base}confirmer/"), ("POST", f"{base}refuser/"), ("POST", f"{base}reception/")]


def _managing_urls(world):
    base = _base(world)
    return [(method, base + path) for path in ("modifier/", "tranches/nouvelle/", "tranches/reception/", "transferts/nouveau/")
            for method in ("GET", "POST")]


def _request(client, method, url):
    return client.get(url) if method == "GET" else client.post(url, {"reason": "Non", "amount": "1", "idempotency_key": str(uuid.uuid4())})


def test_a_partner_sees_its_own_share_and_transfers_and_nothing_of_the_other_partner(world, client_for):
    client = client_for(world.first_focal)
    page = client.get(_base(world))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-share="{world.first.pk}"' in html and f'data-transfer="{world.own.pk}"' in html
    assert f'data-share="{world.second.pk}"' not in html and f'data-transfer="{world.other.pk}"' not in html
    assert str(world.second) not in html
    # nor the funder's tranches, the totals of the whole agreement or its signed document
    assert 'id="tranches"' not in html and "accord-signe" not in html
    # its own transfer's proof is there for it
    assert client.get(f"{_base(world)}transferts/{world.own.pk}/preuve/").status_code == 200
    # and the list shows its agreement
    assert world.proposal.reference in client.get("/financements/accords/").content.decode()


def test_every_url_of_another_partners_transfer_answers_404_and_changes_nothing(world, client_for):
    for focal, transfer in ((world.first_focal, world.other), (world.second_focal, world.own)):
        client = client_for(focal)
        for method, url in _transfer_urls(world, transfer):
            assert _request(client, method, url).status_code == 404, (focal, method, url)
    world.other.refresh_from_db()
    world.own.refresh_from_db()
    assert world.other.state == PartnerTransfer.State.AWAITING_CONFIRMATION
    assert world.own.receipt_acknowledged_at is None


def test_a_partner_does_not_manage_the_agreement(world, client_for):
    client = client_for(world.first_focal)
    for method, url in _managing_urls(world):
        assert _request(client, method, url).status_code == 403, (method, url)
    assert client.get(f"{_base(world)}accord-signe/").status_code == 404
    # nor confirms a transfer, even its own
    for method, url in _transfer_urls(world, world.own)[1:3]:
        assert _request(client, method, url).status_code == 403
    assert PartnerTransfer.objects.count() == 2 and world.refresh().received_total == Decimal("3000000")


def test_someone_outside_the_project_gets_404_everywhere(world, make_user, client_for):
    _organisation, outsider = member_with_focal_point(email="dehors@example.org")
    for person in (outsider, make_user("applicant", email="demandeur@example.org")):
        client = client_for(person)
        urls = [("GET", _base(world)), ("GET", f"{_base(world)}accord-signe/"), *_managing_urls(world),
                *_transfer_urls(world, world.own), *_transfer_urls(world, world.other)]
        for method, url in urls:
            assert _request(client, method, url).status_code == 404, (person, method, url)
        assert world.proposal.reference not in client.get("/financements/accords/").content.decode()


def test_the_copil_and_auditors_read_everything_and_act_on_nothing(world, make_user, client_for):
    for person in (make_user("copil_member", email="copil@example.org"), make_user("auditor", email="audit@example.org")):
        client = client_for(person)
        html = client.get(_base(world)).content.decode()
        assert f'data-transfer="{world.other.pk}"' in html and f'data-transfer="{world.own.pk}"' in html and 'id="tranches"' in html
        assert client.get(f"{_base(world)}transferts/{world.other.pk}/preuve/").status_code == 200
        for method, url in _managing_urls(world) + _transfer_urls(world, world.other)[1:]:
            assert _request(client, method, url).status_code == 403, (person, method, url)
    world.other.refresh_from_db()
    assert world.other.state == PartnerTransfer.State.AWAITING_CONFIRMATION


def test_an_auditor_is_not_sent_to_the_proposal_it_may_not_open(world, make_user, client_for):
    client = client_for(make_user("auditor", email="audit@example.org"))
    assert client.get(world.proposal.get_absolute_url()).status_code == 404
    assert f'href="{world.proposal.get_absolute_url()}"' not in client.get(_base(world)).content.decode()
    lead = client_for(world.lead_focal).get(_base(world)).content.decode()
    assert f'href="{world.proposal.get_absolute_url()}"' in lead
