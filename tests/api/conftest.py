import pytest
from django.test import Client

from api.tokens import token_create
from tests.approvals.conftest import club, copil, make_petition, relay_outbox, reviewer  # noqa: F401  (shared fixtures)


class Api:
    """A program holding a personal token: JSON in, JSON (or a file) out."""

    def __init__(self, token: str | None):
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

    def get(self, path, **params):
        return self.client.get(path, params, **self.headers)

    def post(self, path, data=None):
        return self.client.post(path, data or {}, content_type="application/json", **self.headers)


@pytest.fixture
def api_for(db):
    """api_for(user, scope="write") -> an Api client with a fresh token of that user's."""

    def make(user, scope="write"):
        user.is_verified = lambda: True  # the token page asks for the second factor; tested there
        _token, text = token_create(user=user, name="outil", scope=scope)
        return Api(text)

    return make


@pytest.fixture
def anonymous_api():
    return Api(None)
