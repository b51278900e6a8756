import pytest

from approvals.models import Committee
from approvals.services import relay
from tests.members.factories import ApplicationFactory, OrganisationFactory


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Uploaded documents go to a throw-away directory."""
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return settings.PRIVATE_STORAGE_ROOT


@pytest.fixture
def copil(db, make_user):
    """The COPIL: a chair and four members (five seats)."""
    committee = Committee.objects.get(code="copil")
    chair = make_user("copil_chair", "copil_member", email="presidence@example.org", full_name="Jeanne Présidente")
    members = [make_user("copil_member", email=f"copil{i}@example.org", full_name=f"Membre COPIL {i}") for i in range(4)]
    committee.chair = chair
    committee.save()
    committee.members.set([chair, *members])
    return committee


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
