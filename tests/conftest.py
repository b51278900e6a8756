import pytest

from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def make_user(db):
    """make_user("copil_member", "copil_chair", email=...) -> a user with those roles."""

    def make(*roles, **fields):
        return UserFactory(roles=list(roles), **fields)

    return make


@pytest.fixture
def password():
    return PASSWORD
