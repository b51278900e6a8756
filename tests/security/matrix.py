"""The machinery of the authorization matrix: one signed-in client per
principal, each request in a savepoint rolled back afterwards (so a POST
changes nothing for the next request) with the client's cookies restored."""

import copy

from django.db import transaction
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def client_for(user):
    client = Client(raise_request_exception=False)
    if user is None:
        return client
    client.force_login(user)
    if user.needs_second_factor:
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="default", defaults={"confirmed": True})
        if not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def isolated(client, method, path, data=None):
    """One request whose writes are rolled back, the client's cookies kept."""
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        if method == "GET":
            response = client.get(path)
        else:
            response = client.post(path, data or {})
        transaction.set_rollback(True)
    client.cookies = cookies
    return response


def outcome(response) -> str:
    """A status as the rule table writes it: 302 to the sign-in page is "login",
    302 to the admin's sign-in "admin-login", 302 to the second factor "2fa"."""
    status = response.status_code
    if status in (301, 302):
        location = response.get("Location", "")
        if location.startswith("/compte/connexion/"):
            return "login"
        if location.startswith("/admin/login/"):
            return "admin-login"
        if location.startswith("/compte/second-facteur/"):
            return "2fa"
        return "302"
    return str(status)
