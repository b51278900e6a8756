import pytest

# The people each upload path needs, from the apps' own fixtures.
from tests.casework.conftest import chair, emergency, officer  # noqa: F401
from tests.grants.conftest import fundraiser  # noqa: F401


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Uploaded files go to a throw-away directory: a refused upload leaves nothing in it."""
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return settings.PRIVATE_STORAGE_ROOT


@pytest.fixture
def administrator(make_user):
    return make_user("administrator", is_staff=True, email="secretariat@example.org")
