from django.test import Client

from accounts.models import User


def test_switching_language_is_remembered_for_the_person(make_user, client_for, password):
    # given a signed-in person reading in French
    user = make_user("applicant")
    client = client_for(user)
    # when they switch to English
    response = client.post("/compte/langue/", {"language": "en", "next": "/"})
    # then it is saved on their account and the page is in English
    assert response.status_code == 302
    assert User.objects.get(pk=user.pk).preferred_language == "en"
    assert "What's waiting for me" in client.get("/").content.decode()
    # and on another device, after signing in, it is English too
    other = Client()
    other.post("/compte/connexion/", {"username": user.email, "password": password})
    assert "What's waiting for me" in other.get("/").content.decode()


def test_person_s_language_wins_over_the_browser_s(make_user, client_for):
    client = client_for(make_user("applicant", preferred_language="en"))

    content = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "What's waiting for me" in content


def test_anonymous_visitor_can_switch_and_sign_in_page_follows(client):
    response = client.post("/compte/langue/", {"language": "en", "next": "/compte/connexion/"})

    assert response["Location"] == "/compte/connexion/"
    content = client.get("/compte/connexion/").content.decode()
    assert "Sign in" in content
    assert "Email address" in content


def test_switch_back_to_french(make_user, client_for):
    client = client_for(make_user("applicant", preferred_language="en"))

    client.post("/compte/langue/", {"language": "fr", "next": "/"})

    assert "Ce qui m'attend" in client.get("/").content.decode()


def test_language_switch_ignores_a_foreign_next_and_unknown_language(make_user, client_for):
    user = make_user("applicant")
    client = client_for(user)

    response = client.post("/compte/langue/", {"language": "xx", "next": "https://evil.example/"})

    assert response["Location"] == "/"
    assert User.objects.get(pk=user.pk).preferred_language == "fr"


def test_language_switch_is_a_form_in_every_page_footer(client):
    content = client.get("/compte/connexion/").content.decode()

    assert 'action="/compte/langue/"' in content
    assert 'name="language" value="en"' in content
