"""Browser tests: Playwright driving Debian's chromium against pytest-django's
live_server. Mark each test `@pytest.mark.e2e`.

Fixtures for every e2e test:
  browser                  session-wide headless chromium (/usr/bin/chromium)
  context                  a fresh browser profile per test: French, phone-sized (360 × 740)
  page                     a tab in that profile
  sign_in(page, user, *, password=PASSWORD, next_path="/")
                           signs in through the real form, typing the TOTP code
                           when the user's role needs one (a device is created if missing)
Each e2e test starts from the migrated database (roles, committees…), even
though live_server makes it transactional (serialized rollback).
"""

import os

# Playwright's sync API runs an event loop in this thread; Django's ORM would
# otherwise refuse to run here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import pytest  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="session")
def _migrated_data(django_db_setup, django_db_blocker):
    """The migrated database as serialized at setup, captured before Playwright
    starts: once its event loop runs, Django hands this thread fresh connection
    objects that no longer carry it."""
    from django.db import connections

    with django_db_blocker.unblock():
        return {
            alias: connections[alias]._test_serialized_contents
            for alias in connections
            if hasattr(connections[alias], "_test_serialized_contents")
        }


@pytest.fixture(scope="session")
def playwright(_migrated_data):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    yield page
    page.close()


@pytest.fixture(autouse=True)
def _e2e_database(django_db_serialized_rollback, _migrated_data):
    """live_server makes each test transactional, and a transactional test
    ends by emptying the database; the serialized rollback puts the migrated
    data (roles, committees…) back before each e2e test. Django restores it
    only through a connection object that carries it, so do it here when
    the current one does not."""
    from django.db import connections

    for alias, contents in _migrated_data.items():
        connection = connections[alias]
        if not hasattr(connection, "_test_serialized_contents"):
            connection._test_serialized_contents = contents
            connection.creation.deserialize_db_from_string(contents)


@pytest.fixture(scope="session", autouse=True)
def compiled_messages():
    from tests.accounts.translations import ensure_compiled_messages

    ensure_compiled_messages()


@pytest.fixture
def sign_in(live_server):
    """sign_in(page, user) -> page, on `next_path` after password and, if needed, the TOTP code."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.services import TOTP_DEVICE_NAME
    from tests.accounts.otp import totp_code
    from tests.factories import PASSWORD

    def sign_in(page, user, *, password=PASSWORD, next_path="/"):
        page.goto(f"{live_server.url}/compte/connexion/?next={next_path}")
        page.fill('input[name="username"]', user.email)
        page.fill('input[name="password"]', password)
        page.click('form button[type="submit"].primary')
        if user.needs_second_factor:
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
                user=user, name=TOTP_DEVICE_NAME, confirmed=True
            )
            page.fill("#id_code", totp_code(device))
            page.click('form button[type="submit"].primary')
        page.wait_for_url(f"{live_server.url}{next_path}")
        return page

    return sign_in
