import pytest

from approvals.services import relay
from tests.members.factories import ApplicationFactory, OrganisationFactory


@pytest.fixture
def copil(seat_committee):
    """The COPIL: a chair and four members (five seats)."""
    return seat_committee("copil", members=4, chair_email="presidence@example.org", chair_name="Jeanne Présidente")


@pytest.fixture
def reviewer(db, make_user):
    return make_user("membership_group", email="adhesion@example.org", full_name="Paul Nzé")


@pytest.fixture
def applicant(db, make_user):
    return make_user("applicant", email="demandeur@example.org", full_name="Clarisse Mba")


@pytest.fixture
def make_organisation(db):
    return OrganisationFactory


@pytest.fixture
def make_application(db):
    return ApplicationFactory


@pytest.fixture
def relay_outbox():
    return relay
