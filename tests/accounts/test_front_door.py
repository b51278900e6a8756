"""The front door: what an anonymous visitor sees first, in French and English."""

import re

from django.test import Client

from approvals.services import status_link_issue
from casework.models import Case
from tests.casework.conftest import emergency  # noqa: F401  (fixtures)
from tests.casework.test_story import _apply
from tests.letters.factories import PetitionFactory

ALARMING = ("urgen", "danger", "menace", "risque", "emergency", "threat")


def _title(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1)


def test_an_anonymous_visitor_sees_the_front_door(client, db):
    response = client.get("/")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="/membres/adhesion/"' in page and "adhésion</a>" in page
    assert 'href="/urgence/demande/"' in page and "Demander un soutien urgent" in page
    assert '<form method="post" action="/suivi/"' in page
    assert 'name="reference"' in page and 'name="code"' in page
    assert 'href="/verify/"' in page and "Vérifier une lettre" in page
    assert 'href="/compte/connexion/"' in page
    # discreet: nothing alarming in the title a shoulder or a history shows
    assert not any(word in _title(page).lower() for word in ALARMING)
    assert "<script" not in page and "style=" not in page
    # no two elements share an id
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_every_door_opens_for_an_anonymous_visitor(client, db):
    page = client.get("/").content.decode()
    links = set(re.findall(r'href="(/[^"#]*)"', page)) - {"/"}

    assert {"/membres/adhesion/", "/urgence/demande/", "/verify/", "/compte/connexion/"} <= links
    for link in links:
        if link.startswith("/static/"):
            continue
        assert client.get(link).status_code == 200, link


def test_the_front_door_in_english(db):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.post("/compte/langue/", {"language": "en", "next": "/"})

    page = client.get("/").content.decode()

    assert '<html lang="en">' in page
    for text in ("Join the network", "Ask for urgent support", "Follow a request", "Verify a letter", "Sign in"):
        assert text in page
    assert "Demander" not in page


def test_signed_in_people_still_get_what_waits_for_them(make_user, client_for):
    page = client_for(make_user("applicant")).get("/").content.decode()

    assert "Ce qui m&#x27;attend" in page or "Ce qui m'attend" in page
    assert 'action="/suivi/"' not in page


def test_following_a_request_with_its_reference_and_code(client, db):
    petition = PetitionFactory()
    token = status_link_issue(dossier=petition, by=None)

    response = client.post("/suivi/", {"reference": petition.reference.lower(), "code": f" {token} "})

    assert response.status_code == 200
    page = response.content.decode()
    assert petition.reference in page and petition.public_state in page
    assert response["Cache-Control"].startswith("no-store")
    # the whole link pasted in the code field works too
    pasted = client.post("/suivi/", {"reference": "", "code": f"https://relais.example.org/suivi/{petition.reference}/{token}/"})
    assert pasted.status_code == 200 and petition.reference in pasted.content.decode()


def test_a_wrong_code_is_not_recognised(client, db):
    petition = PetitionFactory()
    status_link_issue(dossier=petition, by=None)

    wrong = client.post("/suivi/", {"reference": petition.reference, "code": "not-the-code"})
    unknown = client.post("/suivi/", {"reference": "ADH-1999-0001", "code": "not-the-code"})

    assert wrong.status_code == unknown.status_code == 404
    assert "pas reconnu" in wrong.content.decode()
    empty = client.post("/suivi/", {"reference": "", "code": ""})
    assert empty.status_code == 400


def test_an_emergency_request_is_followed_on_its_own_status_page(emergency, client):
    received = _apply(client, code_name="", urgency="high")
    case = Case.objects.get()
    token = received.content.decode().split(f"/suivi/{case.reference}/", 1)[1].split("/", 1)[0]

    response = client.post("/suivi/", {"reference": case.reference, "code": token})

    assert response.status_code == 200
    assert "Demande reçue" in response.content.decode()


def test_the_lookup_page_answers_on_its_own(client, db):
    response = client.get("/suivi/")

    assert response.status_code == 200
    assert 'name="reference"' in response.content.decode()
