import pytest
from django.test import Client
from django.utils.html import escape

from accounts.roles import SECOND_FACTOR_ROLES, Role

ROLES_WITHOUT_SECOND_FACTOR = [role for role in Role if role not in SECOND_FACTOR_ROLES]


def test_anonymous_visitor_at_home_finds_the_way_to_sign_in(client):
    response = client.get("/")

    assert response.status_code == 200
    assert 'href="/compte/connexion/"' in response.content.decode()


def test_sign_in_page_is_in_french_by_default(client):
    response = client.get("/compte/connexion/")

    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in content
    assert "Connexion" in content
    assert "Adresse e-mail" in content
    assert "Mot de passe oublié ?" in content


@pytest.mark.parametrize("role", ROLES_WITHOUT_SECOND_FACTOR)
def test_person_signs_in_with_email_and_password_and_sees_their_home(
    make_user, password, sign_in, client, accounts_home_only, role
):
    # given a person whose role needs no second factor
    user = make_user(role, email=f"{role}@example.org")
    # when they sign in through the form
    response = sign_in(user, password, next_url="/")
    # then they land on their home, which speaks to their role
    assert response.status_code == 302
    assert response["Location"] == "/"
    home = client.get("/").content.decode()
    assert "Ce qui m'attend" in home
    assert escape(str(Role(role).label)) in home
    assert "Rien ne vous attend pour le moment" in home


def test_email_is_not_case_sensitive(make_user, password, client):
    make_user("applicant", email="awa@example.org")

    response = client.post("/compte/connexion/", {"username": "  Awa@Example.ORG ", "password": password})

    assert response.status_code == 302


def test_wrong_password_says_what_to_do(make_user, sign_in):
    user = make_user("applicant")

    response = sign_in(user, "not-the-password")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect" in content
    assert "après 5 essais manqués, le compte est verrouillé pendant 15 minutes" in content
    assert "_auth_user_id" not in response.client.session


def test_next_to_another_site_is_ignored(make_user, password, sign_in):
    user = make_user("applicant")

    response = sign_in(user, password, next_url="https://evil.example/steal")

    assert response["Location"] == "/"


def test_next_on_this_site_is_kept(make_user, password, sign_in):
    user = make_user("applicant")

    response = sign_in(user, password, next_url="/boite/")

    assert response["Location"] == "/boite/"


def test_sign_out_is_a_post(make_user, client_for):
    client = client_for(make_user("applicant"))

    assert client.get("/compte/deconnexion/").status_code == 405
    response = client.post("/compte/deconnexion/")

    assert response.status_code == 302
    assert response["Location"] == "/compte/connexion/"
    assert "Ce qui m" not in client.get("/").content.decode()
    assert client.get("/mon-espace/").status_code == 302


@pytest.mark.parametrize("role", list(Role))
def test_home_per_role_in_french_then_english(make_user, client_for, accounts_home_only, role):
    # given a signed-in person with one role
    client = client_for(make_user(role))
    # when they open their home
    french = client.get("/").content.decode()
    # then it greets them in French with an empty state written for their role
    assert "Ce qui m'attend" in french
    assert escape(str(Role(role).label)) in french
    assert "Rien ne vous attend pour le moment" in french
    # and after switching to English, the same page in English
    response = client.post("/compte/langue/", {"language": "en", "next": "/"})
    assert response["Location"] == "/"
    english = client.get("/").content.decode()
    assert '<html lang="en">' in english
    assert "What's waiting for me" in english
    assert "Nothing is waiting for you right now" in english
    assert "Ce qui m'attend" not in english


def test_copil_member_home_in_both_languages_shows_their_own_words(make_user, client_for, accounts_home_only):
    client = client_for(make_user(Role.COPIL_MEMBER))

    assert "aucun scrutin du COPIL n&#x27;attend votre vote" in client.get("/").content.decode()
    client.post("/compte/langue/", {"language": "en", "next": "/"})
    english = client.get("/").content.decode()
    assert "COPIL member" in english
    assert "no COPIL ballot is waiting for your vote" in english


@pytest.mark.parametrize("role", list(Role))
def test_home_renders_for_every_role_with_every_app_s_sections(make_user, client_for, role):
    response = client_for(make_user(role)).get("/")

    assert response.status_code == 200
    assert "Ce qui m'attend" in response.content.decode()


def test_navigation_follows_the_role(make_user, client_for):
    member = client_for(make_user(Role.COPIL_MEMBER)).get("/").content.decode()
    applicant = client_for(make_user(Role.APPLICANT)).get("/").content.decode()
    admin = client_for(make_user(Role.ADMINISTRATOR, is_staff=True)).get("/").content.decode()

    assert "Accueil" in member and "Accueil" in applicant
    assert "Boîte de réception" in member and "Boîte de réception" in applicant
    assert "Mes scrutins" in member
    assert "Mes scrutins" not in applicant
    assert "Administration" in admin
    assert "Administration" not in member
    assert "Se déconnecter" in applicant


def test_person_without_role_is_told_whom_to_ask(make_user, client_for, accounts_home_only):
    content = client_for(make_user()).get("/").content.decode()

    assert "Aucun rôle n&#x27;est encore attribué à votre compte" in content
    assert "secretariat@example.org" in content


def test_inactive_account_cannot_sign_in(make_user, password, sign_in):
    user = make_user("applicant", is_active=False)

    response = sign_in(user, password)

    assert response.status_code == 200
    assert "_auth_user_id" not in response.client.session


def test_signed_in_person_visiting_sign_in_goes_home(make_user, client_for):
    client = client_for(make_user("applicant"))

    assert client.get("/compte/connexion/")["Location"] == "/"


def test_page_shell_is_light_and_has_no_script():
    content = Client().get("/compte/connexion/").content.decode()

    assert "<script" not in content
    assert 'name="viewport"' in content
    assert "/static/css/relais.css" in content
