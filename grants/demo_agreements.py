"""Demo data of grant agreements: the awarded demo proposal's agreement,
completed with its signed document, one tranche received and one expected,
a transfer confirmed and one waiting for a second person."""

import uuid
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from members.demo import _demo_pdf

from . import services
from .models import Funder, GrantAgreement

# Fixed keys: loading the demo twice records nothing twice.
TRANCHE_KEY = uuid.UUID("6f1d0c1e-0000-4000-8000-000000000001")
TRANSFER_KEYS = (uuid.UUID("6f1d0c1e-0000-4000-8000-000000000002"), uuid.UUID("6f1d0c1e-0000-4000-8000-000000000003"))


def load(fundraiser) -> None:
    agreement = GrantAgreement.objects.select_related("proposal").filter(state=GrantAgreement.State.DRAFT).order_by("pk").first()
    if agreement is None:
        return
    funder = Funder.objects.filter(acronym="FRUD").first() or Funder.objects.order_by("pk").first()
    services.agreement_update(
        agreement_id=agreement.pk, by=fundraiser, funder=funder, funder_contact=funder.contacts.order_by("pk").first(),
        funder_reference="DEMO-2027-001", amount=Decimal("120000"), currency="EUR",
        starts_on=date(2027, 1, 1), ends_on=date(2028, 12, 31), signed_on=date(2026, 12, 15),
        conditions="Rapport narratif et financier tous les six mois ; audit final.",
        document_upload=SimpleUploadedFile("accord-signe.pdf", _demo_pdf("Accord de financement (démonstration)")),
    )
    first = services.tranche_expect(agreement_id=agreement.pk, by=fundraiser, expected_on=date(2027, 1, 15),
                                    expected_amount=Decimal("60000"), label="Première tranche")
    services.tranche_expect(agreement_id=agreement.pk, by=fundraiser, expected_on=date(2027, 12, 15),
                            expected_amount=Decimal("60000"), label="Deuxième tranche")
    services.tranche_receive(agreement_id=agreement.pk, by=fundraiser, tranche_id=first.pk, received_on=date(2027, 1, 20),
                             amount=Decimal("60000"), currency="EUR", reference="VIR-DEMO-1", idempotency_key=TRANCHE_KEY)
    shares = list(agreement.shares.order_by("pk"))
    for n, (share, amount, key) in enumerate(zip(shares, (Decimal("5000"), Decimal("9000")), TRANSFER_KEYS)):
        # Below the threshold the transfer is confirmed at once; above it waits for a second person.
        proof = SimpleUploadedFile("avis-de-virement.pdf", _demo_pdf("Avis de virement (démonstration)")) if n == 0 else None
        services.transfer_record(agreement_id=agreement.pk, by=fundraiser, share_id=share.pk, amount=amount,
                                 sent_on=date(2027, 2, 1), reference=f"TRF-{share.organisation.acronym}", idempotency_key=key,
                                 proof_upload=proof)
