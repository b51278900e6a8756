"""Stale states, double submits and votes on closed ballots, through the
pages: never a 500, and a refused request writes nothing."""


import pytest
from django.core.cache import cache

from approvals.models import Ballot
from casework.models import Case, Fund

from .matrix import client_for
from .test_form_fuzz import count_rows
from .world import build_world


@pytest.fixture
def world(db):
    cache.clear()
    return build_world()


def _twice(client, path, data):
    """The same form sent twice (a double click, a resent page): the first
    answer, then the second with the row counts around it."""
    first = client.post(path, data)
    before = count_rows()
    second = client.post(path, data)
    return first, second, before, count_rows()


def test_a_vote_on_a_closed_ballot_is_refused_and_writes_nothing(world):
    ballot = world.samples["ballot_closed"]
    seat = ballot.seats.filter(member__groups__name__in=["copil_member", "copil_chair"]).select_related("member").first()
    voter = seat.member if seat else world.people["copil_chair"]
    client = client_for(voter)
    before = count_rows()
    response = client.post(f"/scrutins/{ballot.pk}/voter/", {"choice": "approve", "comment": "Trop tard"})
    assert response.status_code in (403, 404, 409), response.status_code
    assert count_rows() == before


def test_a_double_vote_counts_once(world):
    ballot = Ballot.objects.filter(status=Ballot.Status.OPEN, seats__member=world.people["copil_chair"], seats__recused_at__isnull=True).first()
    assert ballot is not None
    client = client_for(world.people["copil_chair"])
    first, second, before, after = _twice(client, f"/scrutins/{ballot.pk}/voter/", {"choice": "approve"})
    assert first.status_code in (302, 409), first.status_code
    assert second.status_code in (302, 409), second.status_code
    assert after == before  # the second changes nothing (the vote is already there)


def test_a_stale_transition_is_refused_with_a_reason(world):
    from grants.models import Opportunity

    opportunity = Opportunity.objects.filter(state="spotted").order_by("pk").first()
    client = client_for(world.people["fundraising_group"])
    first, second, before, after = _twice(client, f"/dossiers/{opportunity.reference}/agir/start_assessment/", {})
    assert first.status_code == 302
    assert second.status_code == 409
    assert after == before


@pytest.mark.parametrize("route", ["comite", "accelere"])
def test_an_emergency_proposal_sent_twice_is_refused_not_a_500(world, route):
    case = Case.objects.filter(state="verification").exclude(pk=world.samples["urg"].pk).order_by("pk").first() or world.samples["urg"]
    fund = Fund.objects.filter(currency=case.currency, is_active=True).first()
    client = client_for(world.people["emergency_chair"])
    data = {"proposed_amount": "1000", "fund": fund.pk}
    first, second, before, after = _twice(client, f"/urgence/cas/{case.reference}/proposer/{route}/", data)
    assert first.status_code < 500
    assert second.status_code in (400, 403, 404, 409), second.status_code
    assert after == before


def test_an_emergency_case_referred_elsewhere_twice_is_refused_not_a_500(world):
    case = world.samples["urg"]
    client = client_for(world.people["emergency_chair"])
    first, second, before, after = _twice(client, f"/urgence/cas/{case.reference}/orienter-ailleurs/", {"referred_to": "Fonds partenaire"})
    assert first.status_code < 500
    assert second.status_code in (400, 403, 404, 409), second.status_code
    assert after == before


def test_an_out_of_range_id_on_the_public_membership_form_is_a_form_error(world):
    client = client_for(None)
    before = count_rows()
    response = client.post("/membres/adhesion/", {"name": "Association X", "domains": ["99999999999999999999999999999"], "target_groups": ["-1"],
                                                     "referees": ["99999999999999999999999999999"]})
    assert response.status_code in (200, 400), response.status_code
    assert count_rows() == before
