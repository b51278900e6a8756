"""Across every dossier kind, an applicant never sees another applicant's
dossier, document, message or letter: each of A's URLs is tried with B's
client, and nothing of A's appears in B's answers."""

import pytest

from approvals.models import DossierMessage, StatusLink

from .factories import KINDS


@pytest.fixture
def pair(reviewer, fundraiser, emergency):
    def make(kind):
        handler = fundraiser if kind == "proposal" else reviewer
        return KINDS[kind](tag="Alpha", handler=handler), KINDS[kind](tag="Beta", handler=handler)

    return make


def _a_urls(a):
    dossier, letter = a["dossier"], a["letter"]
    urls = [
        dossier.get_absolute_url(),
        f"/dossiers/{dossier.reference}/",
        f"/dossiers/{dossier.reference}/messages/",
        f"/dossiers/{dossier.reference}/lettres/",
        f"/lettres/{letter.pk}/docx/",
        f"/lettres/{letter.pk}/pdf/",
        *a["domain_urls"],
    ]
    if a["document_url"]:
        urls.append(a["document_url"])
    return urls


@pytest.mark.parametrize("kind", ["membership", "proposal", "case"])
def test_an_applicant_never_reaches_another_applicants_dossier(kind, pair, client_for):
    # given two applicants of the same kind, each with a dossier, a document, a message and a letter
    a, b = pair(kind)
    client = client_for(b["user"])
    # sanity: B reaches its own dossier's messages (a case's referrer: none, status only) and its space lists it
    assert client.get(f"/dossiers/{b['dossier'].reference}/messages/").status_code == (404 if kind == "case" else 200)
    space = client.get("/mon-espace/").content.decode()
    assert b["dossier"].reference in space

    # when B tries every URL of A's
    for url in _a_urls(a):
        response = client.get(url)
        # then B is refused, and nothing of A's shows
        assert response.status_code in (403, 404), url
        body = response.content.decode(errors="replace")
        for secret in a["secrets"]:
            assert secret not in body, (url, secret)

    # and B can neither write on A's dossier nor issue its status link
    before = DossierMessage.objects.count()
    response = client.post(f"/dossiers/{a['dossier'].reference}/messages/", {"body": "Intrusion"})
    assert response.status_code == 404
    assert DossierMessage.objects.count() == before
    response = client.post(f"/dossiers/{a['dossier'].reference}/lien-de-suivi/", {"action": "issue"})
    assert response.status_code in (403, 404)
    assert not StatusLink.objects.filter(dossier_reference=a["dossier"].reference).exists()

    # and A's dossier never appears in B's space
    for secret in [a["dossier"].reference, *a["secrets"]]:
        assert secret not in space


@pytest.mark.parametrize("kind", ["membership", "proposal"])
def test_an_applicant_downloads_its_own_letter_from_its_space(kind, pair, client_for):
    a, _b = pair(kind)
    client = client_for(a["user"])
    space = client.get("/mon-espace/").content.decode()
    url = f"/lettres/{a['letter'].pk}/docx/"
    assert url in space
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_a_referrer_follows_its_case_without_its_letter_or_content(pair, client_for):
    a, _b = pair("case")
    client = client_for(a["user"])
    space = client.get("/mon-espace/").content.decode()
    assert a["dossier"].reference in space
    assert f"/lettres/{a['letter'].pk}/" not in space
    assert "Ernestine" not in space  # the beneficiary's legal name
    assert client.get(f"/lettres/{a['letter'].pk}/docx/").status_code == 404
