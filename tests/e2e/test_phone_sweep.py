"""A sweep at 360 px: the pages each demo role reaches by following links from
its home page never scroll sideways."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.demo import DEMO_PEOPLE
from accounts.models import User
from tests.pages.htmlcheck import crawl

pytestmark = pytest.mark.e2e

FAKE_PDF = b"%PDF-1.4\n% test stand-in\n%%EOF\n"


def test_demo_pages_fit_a_360_px_screen(live_server, context, sign_in, settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    monkeypatch.setattr("approvals.letters.services.issuing.to_pdf", lambda docx, **kwargs: FAKE_PDF)
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    passwords = {p["email"]: p["password"] for p in json.loads((tmp_path / "demo-users.json").read_text())}
    roles = {}
    for person in DEMO_PEOPLE:
        roles.setdefault(person.role, person.email)

    too_wide, seen = [], 0
    for email in roles.values():
        user = User.objects.get(email=email)
        client = Client()
        client.force_login(user)
        if user.needs_second_factor:
            from django_otp import DEVICE_ID_SESSION_KEY
            from django_otp.plugins.otp_totp.models import TOTPDevice

            session = client.session
            session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.filter(user=user, confirmed=True).first().persistent_id
            session.save()
        paths = [path for path, _ in crawl(client, ("/",), limit=15)]
        page = context.new_page()
        sign_in(page, user, password=passwords[email])
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            seen += 1
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 360:
                too_wide.append(f"{email} {path}: {width}px")
        page.close()
        context.clear_cookies()
    assert seen > 40
    assert too_wide == [], "\n".join(too_wide)
