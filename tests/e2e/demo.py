"""The demo, as a newcomer meets it: `manage.py load_demo` in the test
database, then each person signs in through the real form with what the
command printed (e-mail, password, and a code computed from the printed
TOTP secret, as an authenticator app would). No factory, no admin, no
direct database write.

Fixtures (import them into a test module):
  demo          load_demo run once for the test -> Demo (the printed table)
  person        person(email) -> a tab of that person, signed in, in their own
                phone-sized French profile (one per person, kept for the test:
                a TOTP code is never accepted twice in the same 30 s)
"""

import base64
import re
import time
from dataclasses import dataclass
from io import StringIO

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP

from tests.e2e.conftest import PHONE


@dataclass(frozen=True)
class DemoLogin:
    role: str
    name: str
    email: str
    password: str
    totp_secret: str  # base32, "" when the role has no second factor

    def totp_code(self) -> str:
        secret = self.totp_secret.upper()
        key = base64.b32decode(secret + "=" * (-len(secret) % 8))
        totp = TOTP(key, step=30, t0=0, digits=6, drift=0)
        totp.time = time.time()
        return f"{totp.token():06d}"


@dataclass
class Demo:
    printed: str
    logins: dict[str, DemoLogin]

    def login(self, email: str) -> DemoLogin:
        return self.logins[email]

    def by_role(self, role: str) -> list[DemoLogin]:
        return [login for login in self.logins.values() if login.role == role]

    def named(self, name: str) -> DemoLogin:
        return next(login for login in self.logins.values() if login.name == name)


def parse_table(printed: str) -> dict[str, DemoLogin]:
    """The table load_demo prints: a header (rôle, nom, e-mail…), a rule of
    dashes, then one row per person, columns apart by two spaces or more."""
    lines = printed.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("rôle") and "secret TOTP" in line)
    logins = {}
    for line in lines[start + 2 :]:
        if not line.strip():
            break
        role, name, email, password, secret = re.split(r"\s{2,}", line.strip())
        logins[email] = DemoLogin(role, name, email, password, "" if secret == "-" else secret)
    return logins


@pytest.fixture
def demo(settings, tmp_path) -> Demo:
    """`manage.py load_demo`, as bin/demo runs it; its e-mails and credentials
    file go to a temporary VAR_DIR. Its own `loaded` hook delivers the outbox
    (letters included) in-process, as the command always does."""
    settings.VAR_DIR = tmp_path / "var"
    out = StringIO()
    call_command("load_demo", stdout=out, stderr=StringIO())
    printed = out.getvalue()
    return Demo(printed=printed, logins=parse_table(printed))


@pytest.fixture
def person(browser, live_server, demo):
    """person(email, next_path="/") -> that demo person's tab, signed in."""
    pages = {}
    contexts = []

    def open_as(email: str, next_path: str = "/"):
        if email in pages:
            page = pages[email]
            page.goto(f"{live_server.url}{next_path}")
            return page
        login = demo.login(email)
        context = browser.new_context(locale="fr-FR", viewport=PHONE)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/compte/connexion/?next={next_path}")
        page.fill('input[name="username"]', login.email)
        page.fill('input[name="password"]', login.password)
        page.click('form button[type="submit"].primary')
        if login.totp_secret:
            page.wait_for_url(re.compile(r".*/compte/second-facteur/.*"))
            page.fill("#id_code", login.totp_code())
            page.click('form button[type="submit"].primary')
        page.wait_for_url(f"{live_server.url}{next_path}")
        pages[email] = page
        return page

    yield open_as
    for context in contexts:
        context.close()


WIDER_THAN_THE_SCREEN = """() => {
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  return [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > width + 0.5 && !e.closest(".scroll, .table-wrap"))
    .slice(-5)
    .map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + String(e.className).split(" ").join(".") : "")
              + " " + Math.round(e.getBoundingClientRect().right) + "px: " + (e.textContent || "").trim().slice(0, 60));
}"""


def fits_the_phone(page) -> bool:
    """No sideways scrolling; when there is, the last elements that stick out are printed."""
    wider = page.evaluate(WIDER_THAN_THE_SCREEN)
    if wider:
        print(f"{page.url} is wider than the screen:", *wider, sep="\n  ")
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
