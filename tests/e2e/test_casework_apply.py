"""A defender applies from a phone, without JavaScript, and follows the status."""

import pytest
from playwright.sync_api import expect

from casework.models import Case

pytestmark = pytest.mark.e2e


@pytest.fixture
def no_script_page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 360, "height": 740}, java_script_enabled=False)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def test_a_defender_applies_on_a_phone_without_javascript_and_follows_the_status(live_server, no_script_page):
    page = no_script_page
    sizes = []
    page.on("response", lambda response: sizes.append(len(response.body())) if response.ok else None)

    page.goto(f"{live_server.url}/urgence/demande/")
    expect(page.get_by_role("heading", name="Demander une aide d'urgence")).to_be_visible()
    # light: the page and its stylesheet, nothing else
    assert len(sizes) <= 2 and sum(sizes) < 40_000
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.get_by_label("Nom complet de la personne menacée").fill("Personne fictive")
    page.get_by_label("Pays").select_option("CD")
    page.get_by_label("Urgence").select_option("critical")
    page.get_by_label("Relocalisation temporaire").check()
    page.get_by_label("Téléphone sûr").fill("+243 000 000 000")
    page.get_by_label("Ce qui se passe").fill("Menaces fictives après une conférence de presse.")
    page.get_by_role("button", name="Envoyer la demande").click()

    expect(page.get_by_role("heading", name="Demande reçue")).to_be_visible()
    case = Case.objects.get()
    expect(page.get_by_text(case.reference).first).to_be_visible()
    page.get_by_role("link", name=f"/suivi/{case.reference}/").click()
    expect(page.get_by_text("Demande reçue")).to_be_visible()
    expect(page.get_by_text(case.reference)).to_be_visible()
