"""The front door on a phone: an applicant follows a request with its
reference and code, without an account."""

import pytest
from playwright.sync_api import expect

from approvals.services import status_link_issue
from tests.letters.factories import PetitionFactory

pytestmark = pytest.mark.e2e


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_visitor_follows_a_request_from_the_front_door(live_server, page):
    petition = PetitionFactory()
    token = status_link_issue(dossier=petition, by=None)

    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("link", name="Demander l'adhésion")).to_be_visible()
    expect(page.get_by_role("link", name="Faire une demande")).to_be_visible()
    assert fits_the_phone(page)

    page.get_by_label("Référence de la demande").fill(petition.reference)
    page.get_by_label("Code de suivi").fill(token)
    page.get_by_role("button", name="Voir l'état de la demande").click()

    expect(page.get_by_text(petition.public_state).first).to_be_visible()
    expect(page.get_by_text(petition.reference).first).to_be_visible()
    assert token not in page.url
    assert fits_the_phone(page)
