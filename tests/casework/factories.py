import uuid
from decimal import Decimal

import factory
from django.utils import timezone

from approvals.services import dossier_create
from casework.models import Case, CaseSupport, Fund
from casework.services import contribution_record
from tests.factories import UserFactory

# Fictional, and distinctive enough to be searched for in raw bytes.
LEGAL_NAME = "Ernestine Mabiala-Koumba"
PHONE = "+242 06 555 12 34"
WHEREABOUTS = "Quartier Moungali, chez sa tante, maison bleue"
NARRATIVE = "Menaces de mort répétées après son reportage sur la mine de Zanaga"


class FundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fund
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Fonds d'urgence {n}")
    currency = "XAF"

    @factory.post_generation
    def contributions(self, create, extracted, **kwargs):
        """FundFactory(contributions=[Decimal("300000")]) records them through the service."""
        if create and extracted:
            recorder = UserFactory(roles=["emergency_chair"])
            for amount in extracted:
                contribution_record(fund_id=self.pk, by=recorder, donor="Fondation test", amount=Decimal(amount), received_on=timezone.localdate())
            self.refresh_from_db()


def make_case(*, by=None, support=("relocation", "medical"), **fields) -> Case:
    """A case as intake creates it (through the engine's dossier_create)."""
    values = {
        "code_name": "Colibri-7",
        "country": "CG",
        "gender": "female",
        "age_band": "26_35",
        "profile": "journalist",
        "urgency": "standard",
        "requested_amount": Decimal("600000"),
        "currency": "XAF",
        "channel": "mobile_money",
        "legal_name": LEGAL_NAME,
        "phone": PHONE,
        "whereabouts": WHEREABOUTS,
        "threat_narrative": NARRATIVE,
        "intake_key": uuid.uuid4(),
    }
    values.update(fields)
    case = dossier_create(Case, by=by, owner=None, grant_owner=(), **values)
    CaseSupport.objects.bulk_create([CaseSupport(case=case, kind=kind) for kind in support])
    return case
