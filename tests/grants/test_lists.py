"""Every list page costs the same few queries for 5 rows or 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from grants.models import Funder
from grants.services import proposal_create, proposal_partner_add
from members.models import Theme
from tests.grants.factories import FunderFactory, make_opportunity, member_with_focal_point


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _funders(count):
    themes = list(Theme.objects.all()[:3])
    while Funder.objects.count() < count:
        funder = FunderFactory()
        funder.themes.set(themes)
        funder.country_rows.create(country="CM")
        funder.country_rows.create(country="GA")


@pytest.mark.parametrize("url", ["/financements/bailleurs/", "/financements/bailleurs/par-theme/", "/financements/bailleurs/par-pays/"])
def test_funder_pages_do_not_grow_with_funders(fundraiser, client_for, url):
    client = client_for(fundraiser)
    _funders(5)
    make_opportunity(by=fundraiser, funder=Funder.objects.first(), themes=["civic-space"])
    few = _queries(client, url)
    _funders(50)
    assert _queries(client, url) == few


def test_the_proposals_list_does_not_grow_with_proposals(fundraiser, client_for):
    client = client_for(fundraiser)
    lead, _ = member_with_focal_point(email="lead@example.org")
    partner, _ = member_with_focal_point(email="partner@example.org", country="TD")

    def make(count):
        for number in range(count):
            proposal = proposal_create(by=fundraiser, title=f"Projet {number}", lead_organisation_id=lead.pk, currency="EUR")
            proposal_partner_add(reference=proposal.reference, by=fundraiser, organisation_id=partner.pk, role="Suivi", budget_share_percent=10)

    make(5)
    few = _queries(client, "/financements/propositions/")
    make(45)
    assert _queries(client, "/financements/propositions/") == few
