import pytest
from django.contrib.auth.models import Permission

from approvals.services import dossier_create
from tests.dossiers.models import Club, Petition


@pytest.fixture
def copil(seat_committee):
    """The COPIL with a chair and six more members (seven seats)."""
    return seat_committee("copil", members=6, chair_email="chair@example.org")


@pytest.fixture
def reviewer(db, make_user, copil):
    """A membership working-group member allowed to send petitions to the committee."""
    user = make_user("membership_group", email="reviewer@example.org")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["review_petition", "view_petition"]))
    return user


@pytest.fixture
def make_petition(db, make_user):
    def make(*, owner=None, club=None, **fields):
        owner = owner or make_user("applicant")
        petition = dossier_create(Petition, by=owner, grant_owner=("view", "change"), title="Pétition", club=club, **fields)
        return petition

    return make


@pytest.fixture
def club(db):
    return Club.objects.create(name="Association des juristes")


@pytest.fixture
def relay_outbox():
    """Deliver what the outbox holds, as the worker would."""
    from approvals.services import relay

    return relay
