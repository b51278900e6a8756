"""Every applicant-facing page weighs under 30 KB compressed: its gzipped
HTML plus each same-origin stylesheet and script it links (images excluded)."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from approvals.services import perform, status_link_issue

from .factories import membership_dossier, proposal_dossier, referred_case

LIMIT = 30 * 1024
ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src)="(/[^"]+\.(?:css|js))"')


def _weight(client, url) -> int:
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200, url
    body = response.content
    html = gzip.decompress(body).decode() if response.get("Content-Encoding") == "gzip" else body.decode()
    total = len(body) if response.get("Content-Encoding") == "gzip" else len(gzip.compress(body))
    for asset in set(ASSET.findall(html)):
        path = finders.find(asset.removeprefix("/static/"))
        assert path, asset
        with open(path, "rb") as handle:
            total += len(gzip.compress(handle.read()))
    return total


@pytest.fixture
def applicant_pages(reviewer, fundraiser, emergency):
    membership = membership_dossier(tag="Alpha", handler=reviewer)
    perform(membership["dossier"], "start_screening", by=reviewer)
    token = status_link_issue(dossier=membership["dossier"], by=reviewer)
    proposal = proposal_dossier(tag="Beta", handler=fundraiser)
    case = referred_case(tag="Gamma", handler=None)
    return {
        membership["user"]: ["/mon-espace/", membership["dossier"].get_absolute_url(),
                             f"/dossiers/{membership['dossier'].reference}/",
                             f"/dossiers/{membership['dossier'].reference}/messages/",
                             f"/dossiers/{membership['dossier'].reference}/lettres/"],
        proposal["user"]: ["/mon-espace/", proposal["dossier"].get_absolute_url(),
                           f"/dossiers/{proposal['dossier'].reference}/messages/"],
        case["user"]: ["/mon-espace/", f"/urgence/orientations/{case['dossier'].reference}/"],
        None: ["/membres/adhesion/", "/urgence/demande/", "/verify/", "/compte/connexion/",
               f"/suivi/{membership['dossier'].reference}/{token}/"],
    }


def test_every_applicant_facing_page_weighs_under_30_kb_compressed(applicant_pages, client_for):
    weights = {}
    for user, urls in applicant_pages.items():
        client = client_for(user) if user is not None else Client()
        for url in urls:
            weights[url] = _weight(client, url)
    heavy = {url: weight for url, weight in weights.items() if weight >= LIMIT}
    assert not heavy, heavy
    assert len(weights) >= 13
