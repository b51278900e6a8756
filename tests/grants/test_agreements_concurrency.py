"""Twenty transfers at once against a tranche that covers only three, on
PostgreSQL: exactly three recorded, every balance exact to the unit."""

import uuid
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError

from grants.models import PartnerTransfer
from grants.services import tranche_receive, transfer_record
from tests.concurrency import on_postgresql, run_at_once
from tests.factories import UserFactory
from tests.grants.agreement_world import awarded

pytestmark = on_postgresql


def test_twenty_transfers_at_once_against_a_tranche_covering_three_record_exactly_three(settings):
    settings.RELAIS_GRANT_TRANSFER_CONFIRM_ABOVE = {"XAF": "5000000"}
    fundraiser = UserFactory(roles=["fundraising_group"])
    world = awarded(fundraiser, budget=Decimal("100000000"))  # shares: 30 000 000 and 20 000 000
    tranche_receive(agreement_id=world.agreement.pk, by=fundraiser, received_on=date(2027, 1, 15),
                    amount=Decimal("3000000"), currency="XAF", idempotency_key=uuid.uuid4())
    shares = [world.share(world.first).pk, world.share(world.second).pk]

    def send(i):
        return transfer_record(
            agreement_id=world.agreement.pk, by=fundraiser, share_id=shares[i % 2], amount=Decimal("1000000"),
            sent_on=date(2027, 1, 20), idempotency_key=uuid.uuid4(),
        )

    results = run_at_once(20, send)
    recorded = [r for r in results if isinstance(r, tuple)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(recorded) == 3 and len(refused) == 17, [r for r in results if not isinstance(r, (tuple, ValidationError))]
    assert all("dépasse ce qui a été reçu du bailleur" in r.messages[0] for r in refused)
    agreement = world.refresh()
    assert PartnerTransfer.objects.count() == 3
    assert (agreement.received_total, agreement.transferred_total, agreement.pending_transfer_total, agreement.available) == (
        Decimal("3000000.00"), Decimal("3000000.00"), Decimal("0.00"), Decimal("0.00"),
    )
    by_share = {pk: sum(t.amount for t in PartnerTransfer.objects.filter(share_id=pk)) for pk in shares}
    for share in agreement.shares.all():
        assert share.transferred_total == by_share[share.pk]
        assert share.pending_transfer_total == 0
    assert sum(by_share.values()) == Decimal("3000000")


def test_the_same_form_sent_ten_times_at_once_records_one_transfer(settings):
    settings.RELAIS_GRANT_TRANSFER_CONFIRM_ABOVE = {"XAF": "5000000"}
    fundraiser = UserFactory(roles=["fundraising_group"])
    world = awarded(fundraiser)
    tranche_receive(agreement_id=world.agreement.pk, by=fundraiser, received_on=date(2027, 1, 15),
                    amount=Decimal("3000000"), currency="XAF", idempotency_key=uuid.uuid4())
    key = uuid.uuid4()
    share_id = world.share(world.first).pk
    results = run_at_once(10, lambda i: transfer_record(
        agreement_id=world.agreement.pk, by=fundraiser, share_id=share_id, amount=Decimal("250000"),
        sent_on=date(2027, 1, 20), idempotency_key=key,
    ))
    assert all(isinstance(r, tuple) for r in results), results
    assert sum(1 for _t, created in results if created) == 1
    assert PartnerTransfer.objects.count() == 1
    assert world.refresh().transferred_total == Decimal("250000")
