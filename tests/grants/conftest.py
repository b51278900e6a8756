import pytest



@pytest.fixture
def fundraiser(make_user):
    return make_user("fundraising_group", email="financement@example.org", country="TD")


@pytest.fixture
def copil(seat_committee):
    """The COPIL with a chair and six more members (seven seats)."""
    return seat_committee("copil", members=6, chair_email="presidence@example.org")


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
