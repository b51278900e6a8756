"""At 360 px: the ballot list reflows instead of cutting off its vote column,
and the menu is one line that opens without JavaScript."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User

pytestmark = pytest.mark.e2e

FAKE_PDF = b"%PDF-1.4\n% test stand-in\n%%EOF\n"


@pytest.fixture
def demo_people(settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    monkeypatch.setattr("approvals.letters.services.issuing.to_pdf", lambda docx, **kwargs: FAKE_PDF)
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    return {person["email"]: person for person in json.loads((tmp_path / "demo-users.json").read_text())}


def test_ballot_list_and_menu_fit_a_phone(live_server, page, sign_in, demo_people):
    member = User.objects.get(email="copil.membre@demo.relais.example")
    sign_in(page, member, password=demo_people[member.email]["password"], next_path="/scrutins/")
    assert page.locator("table.reflow tbody tr").count() >= 1

    # no horizontal scroll, and the vote column is on screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    vote_cell = page.locator("table.reflow tbody tr td").nth(3)
    box = vote_cell.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360

    # the menu is closed: the header is one line, the links are hidden
    header = page.locator("header.top").bounding_box()
    menu = page.locator("label.menu-button")
    menu_box = menu.bounding_box()
    assert header["height"] <= menu_box["height"] * 2 + 4, header
    assert header["height"] < 740 / 8
    brand = page.locator("a.brand").bounding_box()
    signout = page.locator("form.signout button").bounding_box()
    for box in (brand, signout):  # brand, menu and sign-out share one line
        assert abs((box["y"] + box["height"] / 2) - (menu_box["y"] + menu_box["height"] / 2)) < 8, box
    assert not page.get_by_role("link", name="Boîte de réception").is_visible()

    # one tap opens it, with JavaScript off in the page too
    menu.click()
    assert page.get_by_role("link", name="Boîte de réception").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    menu.click()
    assert not page.get_by_role("link", name="Boîte de réception").is_visible()


def test_the_menu_opens_without_javascript(live_server, browser, demo_people):
    context = browser.new_context(locale="fr-FR", viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/compte/connexion/")
        page.fill('input[name="username"]', "copil.membre@demo.relais.example")
        page.fill('input[name="password"]', demo_people["copil.membre@demo.relais.example"]["password"])
        page.click('form button[type="submit"].primary')
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from tests.accounts.otp import totp_code

        device = TOTPDevice.objects.get(user__email="copil.membre@demo.relais.example", confirmed=True)
        page.fill("#id_code", totp_code(device))
        page.click('form button[type="submit"].primary')
        page.wait_for_url(f"{live_server.url}/")
        assert not page.get_by_role("link", name="Boîte de réception").is_visible()
        page.click("label.menu-button")
        assert page.get_by_role("link", name="Boîte de réception").is_visible()
    finally:
        context.close()
