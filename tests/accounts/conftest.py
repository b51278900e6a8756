import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.services import TOTP_DEVICE_NAME


@pytest.fixture
def totp_device(db):
    """totp_device(user) -> the person's confirmed authenticator."""

    def make(user):
        device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": TOTP_DEVICE_NAME})
        return device

    return make


@pytest.fixture
def sign_in(client):
    """sign_in(user, password) -> the response of posting the real sign-in form."""

    def post(user, password, *, next_url=None, client=client):
        data = {"username": user.email, "password": password}
        if next_url is not None:
            data["next"] = next_url
        return client.post("/compte/connexion/", data)

    return post


@pytest.fixture(scope="session", autouse=True)
def compiled_messages():
    from tests.accounts.translations import ensure_compiled_messages

    ensure_compiled_messages()


@pytest.fixture
def accounts_home_only(monkeypatch):
    """The home page with accounts' own sections only (the role empty states),
    whatever sections other apps have registered."""
    from accounts import home

    monkeypatch.setattr(home, "_providers", [])
