import re
from base64 import b32decode
from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import SECOND_FACTOR_ROLES, Role
from tests.accounts.otp import totp_code


def secret_on_page(content: str) -> bytes:
    secret = re.search(r'<code class="secret"[^>]*>([A-Z2-7 ]+)</code>', content).group(1).replace(" ", "")
    return b32decode(secret + "=" * (-len(secret) % 8))


def code_from_secret(key: bytes) -> str:
    return f"{TOTP(key).token():06d}"


def unthrottle(user):
    """Skip the authenticator's growing delay after a wrong code (time travel)."""
    TOTPDevice.objects.filter(user=user).update(throttling_failure_timestamp=timezone.now() - timedelta(hours=1))


@pytest.mark.parametrize("role", sorted(SECOND_FACTOR_ROLES))
def test_role_needing_second_factor_is_sent_to_enrolment_on_first_sign_in(make_user, password, sign_in, role):
    user = make_user(role)

    response = sign_in(user, password, next_url="/boite/")

    assert response.status_code == 302
    assert response["Location"] == "/compte/second-facteur/?next=%2Fboite%2F"
    page = response.client.get(response["Location"]).content.decode()
    assert "Protéger votre compte" in page
    assert "<svg" in page
    assert secret_on_page(page)


def test_enrolment_with_a_computed_code_shows_ten_recovery_codes_then_continues(make_user, password, sign_in, client):
    # given a COPIL member signing in for the first time
    user = make_user(Role.COPIL_MEMBER)
    sign_in(user, password, next_url="/boite/")
    page = client.get("/compte/second-facteur/?next=/boite/").content.decode()
    # the secret stays the same across page loads (it may already be scanned)
    again = client.get("/compte/second-facteur/?next=/boite/").content.decode()
    key = secret_on_page(page)
    assert secret_on_page(again) == key
    # when they confirm with the code their app computes from the secret shown
    response = client.post("/compte/second-facteur/", {"code": code_from_secret(key), "next": "/boite/"})
    # then they see ten recovery codes, once, and a way on to where they were going
    content = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", content)
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert 'href="/boite/"' in content
    assert TOTPDevice.objects.get(user=user).confirmed
    # and they are fully signed in
    assert client.get("/").status_code == 200
    assert "Ce qui m'attend" in client.get("/").content.decode()


def test_wrong_enrolment_code_is_refused(make_user, password, sign_in, client):
    user = make_user(Role.EMERGENCY_MEMBER)
    sign_in(user, password)

    response = client.post("/compte/second-facteur/", {"code": "000000"})

    assert response.status_code == 200
    assert "Code incorrect" in response.content.decode()
    assert not TOTPDevice.objects.get(user=user).confirmed
    assert client.get("/")["Location"].startswith("/compte/second-facteur/")


def test_person_with_an_authenticator_types_its_code(make_user, password, sign_in, client, totp_device):
    user = make_user(Role.CASE_OFFICER)
    device = totp_device(user)

    response = sign_in(user, password, next_url="/boite/")
    page = client.get(response["Location"]).content.decode()
    assert "Code de vérification" in page
    assert "<svg" not in page  # no new enrolment

    response = client.post("/compte/second-facteur/", {"code": totp_code(device), "next": "/boite/"})

    assert response.status_code == 302
    assert response["Location"] == "/boite/"
    assert client.get("/").status_code == 200


def test_wrong_code_is_a_form_error_and_counts_as_a_failed_attempt(make_user, password, sign_in, client, totp_device):
    from axes.models import AccessAttempt

    user = make_user(Role.COPIL_CHAIR)
    device = totp_device(user)
    sign_in(user, password)

    response = client.post("/compte/second-facteur/", {"code": "123456"})

    assert response.status_code == 200
    assert "Code incorrect" in response.content.decode()
    assert AccessAttempt.objects.get(username=user.email).failures_since_start == 1
    # the right code still works afterwards, and clears the failures
    unthrottle(user)
    response = client.post("/compte/second-facteur/", {"code": totp_code(device)})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=user.email).exists()


def test_a_recovery_code_works_once(make_user, password, sign_in, client, totp_device):
    from accounts.services import recovery_codes_replace

    user = make_user(Role.COPIL_MEMBER)
    totp_device(user)
    code = recovery_codes_replace(user=user)[0]

    # first use: accepted, and the person is told how many are left
    sign_in(user, password)
    response = client.post("/compte/second-facteur/", {"code": code.upper()}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "Il vous en reste 9" in response.content.decode()
    client.post("/compte/deconnexion/")

    # second use: refused
    sign_in(user, password)
    response = client.post("/compte/second-facteur/", {"code": code})
    assert response.status_code == 200
    assert "Code incorrect" in response.content.decode()
    assert client.get("/")["Location"].startswith("/compte/second-facteur/")


def test_unverified_person_reaches_nothing_but_the_code_page(make_user, password, sign_in, client, totp_device):
    user = make_user(Role.ADMINISTRATOR, is_staff=True)
    totp_device(user)
    sign_in(user, password)

    for path in ["/", "/boite/", "/admin/", "/compte/codes-de-secours/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/compte/second-facteur/?next="), path
    page = client.get("/compte/second-facteur/").content.decode()
    assert "Mes scrutins" not in page and "Accueil" not in page  # no navigation yet
    assert "Se déconnecter" in page


def test_five_wrong_codes_lock_the_account_and_end_the_session(make_user, password, sign_in, client, totp_device):
    user = make_user(Role.EMERGENCY_CHAIR)
    totp_device(user)
    sign_in(user, password)

    for _ in range(4):
        unthrottle(user)
        assert client.post("/compte/second-facteur/", {"code": "111111"}).status_code == 200
    unthrottle(user)
    response = client.post("/compte/second-facteur/", {"code": "111111"})

    assert response.status_code == 429
    assert "ce compte est verrouillé pendant 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert sign_in(user, password).status_code == 429


def test_codes_tried_too_fast_are_refused_without_counting(make_user, password, sign_in, client, totp_device):
    from axes.models import AccessAttempt

    user = make_user(Role.COPIL_MEMBER)
    device = totp_device(user)
    sign_in(user, password)
    client.post("/compte/second-facteur/", {"code": "111111"})

    response = client.post("/compte/second-facteur/", {"code": totp_code(device)})

    assert "Trop d&#x27;essais rapprochés" in response.content.decode()
    assert AccessAttempt.objects.get(username=user.email).failures_since_start == 1


def test_second_factor_next_stays_on_this_site(make_user, password, sign_in, client, totp_device):
    user = make_user(Role.COPIL_MEMBER)
    device = totp_device(user)
    sign_in(user, password)

    response = client.post("/compte/second-facteur/", {"code": totp_code(device), "next": "//evil.example/"})

    assert response["Location"] == "/"


def test_verified_person_can_replace_their_recovery_codes(make_user, client_for):
    from accounts.services import recovery_codes_replace

    user = make_user(Role.COPIL_MEMBER)
    client = client_for(user)
    old = recovery_codes_replace(user=user)

    assert "Il vous reste 10 codes" in client.get("/compte/codes-de-secours/").content.decode()
    response = client.post("/compte/codes-de-secours/")

    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(new) == 10
    assert not StaticToken.objects.filter(token__in=old).exists()


def test_role_without_second_factor_never_sees_the_code_page(make_user, password, sign_in, client):
    user = make_user(Role.APPLICANT)
    sign_in(user, password)

    assert client.get("/compte/second-facteur/")["Location"] == "/"
