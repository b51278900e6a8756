import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.models import User
from accounts.roles import Role
from accounts.services import TOTP_DEVICE_NAME
from tests.accounts.otp import totp_code

pytestmark = pytest.mark.e2e


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_copil_member_signs_in_with_a_code_then_reads_home_in_english(live_server, page, make_user, password):
    # given a COPIL member whose phone already shows Relais codes
    member = make_user(Role.COPIL_MEMBER, email="awa@example.org", full_name="Awa Mbarga")
    device = TOTPDevice.objects.create(user=member, name=TOTP_DEVICE_NAME, confirmed=True)

    # when she opens Relais, the front door shows the way to sign in, in French
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Suivre une demande")).to_be_visible()
    assert fits_the_phone(page)
    page.get_by_role("link", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Connexion")).to_be_visible()
    assert fits_the_phone(page)
    page.get_by_label("Adresse e-mail").fill("awa@example.org")
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()

    # then she types the code from her authenticator
    expect(page.get_by_role("heading", name="Code de vérification")).to_be_visible()
    page.get_by_label("Code à 6 chiffres").fill(totp_code(device))
    page.get_by_role("button", name="Vérifier").click()

    # and reaches her French home
    expect(page.get_by_role("heading", name="Ce qui m'attend")).to_be_visible()
    expect(page.get_by_text("Bonjour Awa.")).to_be_visible()
    page.locator("label.menu-button").click()  # on a phone the menu opens on a tap
    expect(page.get_by_role("link", name="Mes scrutins")).to_be_visible()
    assert fits_the_phone(page)

    # when she switches to English in the footer
    page.get_by_role("button", name="English").click()

    # then the same home speaks English, and Relais remembers her choice
    expect(page.get_by_role("heading", name="What's waiting for me")).to_be_visible()
    expect(page.get_by_text("Hello Awa.")).to_be_visible()
    page.locator("label.menu-button").click()
    expect(page.get_by_role("link", name="My ballots")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    assert User.objects.get(pk=member.pk).preferred_language == "en"


def test_sign_in_fixture_reaches_the_requested_page(live_server, page, make_user, sign_in):
    chair = make_user(Role.EMERGENCY_CHAIR)

    sign_in(page, chair)

    expect(page.get_by_role("heading", name="Ce qui m'attend")).to_be_visible()
    assert page.url == f"{live_server.url}/"
