"""The session key changes when the second factor is verified: a key known
before that step (fixed by an attacker, or read over a shoulder) opens
nothing afterwards."""

from django.conf import settings

from accounts.roles import Role
from tests.accounts.otp import totp_code


def test_the_session_key_is_rotated_at_the_second_factor(make_user, password, sign_in, client, totp_device):
    # given a COPIL member who typed their password (half signed in)
    user = make_user(Role.COPIL_MEMBER)
    device = totp_device(user)
    sign_in(user, password, next_url="/boite/")
    before = client.cookies[settings.SESSION_COOKIE_NAME].value

    # when they give their authenticator's code
    response = client.post("/compte/second-facteur/", {"code": totp_code(device), "next": "/boite/"})

    # then they are fully signed in under a new session key, and the old key is worth nothing
    assert response.status_code == 302 and response["Location"] == "/boite/"
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert client.get("/boite/").status_code == 200
    from django.test import Client

    stale = Client()
    stale.cookies[settings.SESSION_COOKIE_NAME] = before
    assert stale.get("/boite/").status_code == 302  # back to sign-in


def test_the_session_key_is_rotated_at_enrolment_too(make_user, password, sign_in, client):
    import re
    from base64 import b32decode

    from django_otp.oath import TOTP

    user = make_user(Role.COPIL_MEMBER)
    sign_in(user, password, next_url="/boite/")
    page = client.get("/compte/second-facteur/?next=/boite/").content.decode()
    secret = re.search(r'<code class="secret"[^>]*>([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    response = client.post("/compte/second-facteur/", {"code": f"{TOTP(key).token():06d}", "next": "/boite/"})
    assert response.status_code == 200
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != before
