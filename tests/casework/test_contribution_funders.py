"""Contributions come from funders of the donor map: the form chooses one,
and migration 0006 matched the free-text donors recorded before."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from casework.donors import match_funder
from casework.models import Contribution
from casework.services import contribution_record, fund_create
from grants.models import Funder

BEFORE = [("casework", "0005_case_language")]
AFTER = [("casework", "0006_contribution_funder")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_free_text_donors_are_matched_to_funders_or_added_to_the_map(make_user):
    chair = make_user("emergency_chair")
    alpha = Funder.objects.create(name="Fondation Égalité", acronym="FEG")
    latest = _latest()
    try:
        old = _migrate(BEFORE)
        Fund = old.get_model("casework", "Fund")
        OldContribution = old.get_model("casework", "Contribution")
        fund = Fund.objects.create(name="Fonds ancien", currency="XAF", contributed_total=Decimal("600"))
        for donor in ["  fondation  EGALITE ", "FEG", "Fondation Égalité (FEG)", "Ambassade de Nulle-Part", "ambassade de nulle-part"]:
            OldContribution.objects.create(
                fund_id=fund.pk, donor=donor, amount=Decimal("120"), received_on=dt.date(2025, 1, 1), recorded_by_id=chair.pk
            )
        # when the migration runs
        _migrate(AFTER)
        contributions = list(Contribution.objects.order_by("pk"))
        # then the spellings of an existing funder find it, and an unknown donor is added once
        assert [c.funder_id for c in contributions[:3]] == [alpha.pk] * 3
        added = Funder.objects.get(name="Ambassade de Nulle-Part")
        assert added.relationship == "past"
        assert contributions[3].funder_id == contributions[4].funder_id == added.pk
        assert Funder.objects.count() == 2
        # the words recorded stay, as a note
        assert contributions[0].donor == "  fondation  EGALITE "
        # and it can be undone: the link goes, the words stay
        _migrate(BEFORE)
        old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
        assert sorted(old.get_model("casework", "Contribution").objects.values_list("donor", flat=True))[0] == "  fondation  EGALITE "
    finally:
        _migrate(latest)


def test_the_matching_ignores_case_accents_and_spacing(db):
    funder = Funder.objects.create(name="Fonds Mondial pour les Défenseur·es", acronym="FMD")
    assert match_funder(Funder, "fonds mondial pour les defenseur·es") == funder
    assert match_funder(Funder, "fmd") == funder
    assert match_funder(Funder, "Fonds Mondial") is None
    assert match_funder(Funder, "  ") is None


def test_the_contribution_form_chooses_a_funder(emergency, chair, client_for):
    fund = fund_create(by=chair, name="Fonds A", currency="XAF")
    funder = Funder.objects.create(name="Fondation Baobab")
    client = client_for(chair)
    page = client.get(f"/urgence/fonds/{fund.pk}/").content.decode()
    assert 'name="funder"' in page and "Fondation Baobab" in page
    response = client.post(
        f"/urgence/fonds/{fund.pk}/",
        {"funder": funder.pk, "donor": "via l'ambassade", "amount": "250000", "received_on": "2025-02-01", "reference": "VIR-1"},
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get(fund=fund)
    assert contribution.funder == funder and contribution.donor == "via l'ambassade"
    fund.refresh_from_db()
    assert fund.contributed_total == Decimal("250000")
    # the fund's page names the funder; a funder is required
    assert "Fondation Baobab" in client.get(f"/urgence/fonds/{fund.pk}/").content.decode()
    assert client.post(f"/urgence/fonds/{fund.pk}/", {"amount": "1", "received_on": "2025-02-01"}).status_code == 200
    assert Contribution.objects.count() == 1


def test_a_caller_that_names_the_donor_gets_the_funder_of_that_name(emergency, chair):
    fund = fund_create(by=chair, name="Fonds B", currency="EUR")
    known = Funder.objects.create(name="Open Society", acronym="OSF")
    first = contribution_record(fund_id=fund.pk, by=chair, donor="osf", amount=Decimal("10"), received_on=dt.date(2025, 1, 1))
    second = contribution_record(fund_id=fund.pk, by=chair, donor="Fondation nouvelle", amount=Decimal("5"), received_on=dt.date(2025, 1, 1))
    assert first.funder == known and second.funder.name == "Fondation nouvelle"
