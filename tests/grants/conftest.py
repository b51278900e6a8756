import pytest

from approvals.models import Committee


@pytest.fixture
def fundraiser(make_user):
    return make_user("fundraising_group", email="financement@example.org", country="TD")


@pytest.fixture
def copil(db, make_user):
    """The COPIL with a chair and six more members (seven seats)."""
    committee = Committee.objects.get(code="copil")
    chair = make_user("copil_chair", "copil_member", email="presidence@example.org")
    members = [make_user("copil_member", email=f"copil{i}@example.org") for i in range(6)]
    committee.chair = chair
    committee.save()
    committee.members.set([chair, *members])
    return committee


@pytest.fixture
def relay_outbox():
    from approvals.services import relay

    return relay


@pytest.fixture
def vote(client_for):
    """vote(ballot, members, choice): each member votes through the ballot page."""

    def cast(ballot, members, choice="approve"):
        for member in members:
            response = client_for(member).post(f"/scrutins/{ballot.pk}/voter/", {"choice": choice})
            assert response.status_code == 302, response.content.decode()[:500]

    return cast
