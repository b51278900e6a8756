import pytest

# The people each upload path needs, from the apps' own fixtures.
from tests.casework.conftest import chair, emergency, officer  # noqa: F401
from tests.grants.conftest import fundraiser  # noqa: F401


@pytest.fixture
def administrator(make_user):
    return make_user("administrator", is_staff=True, email="secretariat@example.org")
