import pytest
from django.core.cache import cache

from approvals.models import Committee


@pytest.fixture(autouse=True)
def fresh_rate_limits(db):
    """Rate limits live in the database (approvals.RateCounter, rolled back after
    each test) and nothing else is cached: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reviewer(make_user):
    return make_user("membership_group", email="adhesion@example.org", full_name="Paul Nzé")


@pytest.fixture
def fundraiser(make_user):
    return make_user("fundraising_group", email="financement@example.org", full_name="Awa Diallo")


@pytest.fixture
def emergency(make_user):
    committee = Committee.objects.get(code="emergency")
    committee.chair = make_user("emergency_chair", email="chair.urgence@example.org")
    committee.save()
    committee.members.set([committee.chair])
    return committee
