import re
from datetime import timedelta

from axes.models import AccessAttempt
from django.core import mail
from django.utils import timezone

LOCK_FR = "Par sécurité, ce compte est verrouillé pendant 15 minutes après trop de tentatives de connexion manquées."
LOCK_EN = "For your security, this account is locked for 15 minutes after too many failed sign-in attempts."


def fail_five_times(sign_in, user):
    responses = [sign_in(user, "wrong-password-again") for _ in range(5)]
    return responses[-1]


def let_cool_off_pass(user, minutes=16):
    """Time travel: the failures happened `minutes` ago."""
    AccessAttempt.objects.filter(username=user.email).update(attempt_time=timezone.now() - timedelta(minutes=minutes))


def test_five_wrong_passwords_lock_the_account_with_a_clear_message(make_user, sign_in):
    user = make_user("applicant")

    responses = [sign_in(user, "wrong-password-again") for _ in range(5)]

    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    content = responses[-1].content.decode()
    assert LOCK_FR in content
    assert "réinitialisez votre mot de passe" in content
    assert "secretariat@example.org" in content


def test_right_password_is_refused_during_the_lock_and_accepted_after(make_user, password, sign_in):
    user = make_user("member_focal_point")
    fail_five_times(sign_in, user)

    # during the lock, even the right password gets the same message
    during = sign_in(user, password)
    assert during.status_code == 429
    assert LOCK_FR in during.content.decode()
    assert "_auth_user_id" not in during.client.session

    # a little later the lock says how long is left
    let_cool_off_pass(user, minutes=10)
    later = sign_in(user, password)
    assert later.status_code == 429
    assert "verrouillé pendant 5 minutes" in later.content.decode()

    # after the cool-off, the right password works
    let_cool_off_pass(user)
    after = sign_in(user, password)
    assert after.status_code == 302
    assert after["Location"] == "/"


def test_lock_counts_the_account_whatever_the_case_of_the_email(make_user, client):
    user = make_user("applicant", email="awa@example.org")

    for typed in ["Awa@example.org", "AWA@EXAMPLE.ORG", "awa@example.org", " awa@Example.org", "awa@example.ORG"]:
        response = client.post("/compte/connexion/", {"username": typed, "password": "wrong-password-again"})

    assert response.status_code == 429
    assert AccessAttempt.objects.get().username == user.email


def test_lock_message_in_english(make_user, client, sign_in):
    user = make_user("applicant")
    client.post("/compte/langue/", {"language": "en", "next": "/compte/connexion/"})

    response = fail_five_times(sign_in, user)

    assert response.status_code == 429
    content = response.content.decode()
    assert LOCK_EN in content
    assert "reset your password" in content


def test_unknown_account_locks_the_same_way(db, client):
    for _ in range(5):
        response = client.post("/compte/connexion/", {"username": "nobody@example.org", "password": "wrong-password"})

    assert response.status_code == 429
    assert LOCK_FR in response.content.decode()


def test_resetting_the_password_unlocks_the_account(make_user, sign_in, client):
    user = make_user("applicant")
    fail_five_times(sign_in, user)

    client.post("/compte/mot-de-passe/oublie/", {"email": user.email})
    link = re.search(r"https?://testserver(\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": "a-brand-new-secret-42", "new_password2": "a-brand-new-secret-42"})

    response = sign_in(user, "a-brand-new-secret-42")
    assert response.status_code == 302
