"""The sweep at 360 px: for each demo role (one person per role) and for a
visitor, the pages the crawler reaches by following links from home
(tests/pages/htmlcheck.py `sweep`, the same walk as tests/pages/test_sweep.py)
never scroll sideways. A capped set per role, one page of each shape first
(a case page stands for every case page), so the browser part stays short."""

import time
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client

from accounts.demo import DEMO_PEOPLE
from accounts.models import User
from tests.pages.htmlcheck import page_shape, sweep

pytestmark = pytest.mark.e2e

FAKE_PDF = b"%PDF-1.4\n% test stand-in\n%%EOF\n"
PAGES_PER_ROLE = 6


def capped(paths: list[str], limit: int) -> list[str]:
    """One page of each shape first, in the order found, then the rest."""
    seen, first, rest = set(), [], []
    for path in paths:
        (rest if page_shape(path) in seen else first).append(path)
        seen.add(page_shape(path))
    return (first + rest)[:limit]


def demo_readers(client_for, settings, tmp_path, monkeypatch) -> dict:
    """The demo loaded; one signed-in client per demo role, and a visitor."""
    settings.VAR_DIR = tmp_path
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    settings.RELAIS_VERIFY_RATE = "10000/600"
    monkeypatch.setattr("approvals.letters.services.issuing.to_pdf", lambda docx, **kwargs: FAKE_PDF)
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    readers = {"visitor": Client()}
    for person in DEMO_PEOPLE:
        if person.role not in readers:
            readers[person.role] = client_for(User.objects.get(email=person.email))
    return readers


def as_reader(context, live_server, role, client) -> None:
    """The browser takes the crawler's session (signed in, second factor verified)."""
    context.clear_cookies()
    if role != "visitor":
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])


def width_at_phone(page, live_server, path) -> int:
    """The page's width on a 360 px screen, every <details> opened."""
    page.goto(f"{live_server.url}{path}")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_pages_each_demo_role_reaches_fit_a_360_px_screen(live_server, context, client_for, settings, tmp_path, monkeypatch):
    readers = demo_readers(client_for, settings, tmp_path, monkeypatch)

    too_wide, seen, crawling = [], 0, 0.0
    started = time.monotonic()
    page = context.new_page()
    for role, client in readers.items():
        # the links themselves are checked by tests/pages/test_sweep.py
        crawl_started = time.monotonic()
        pages, _problems = sweep(client, ("/",), limit=3 * PAGES_PER_ROLE, signed_in=role != "visitor", check_all=False)
        crawling += time.monotonic() - crawl_started
        as_reader(context, live_server, role, client)
        for path in capped(pages, PAGES_PER_ROLE):
            seen += 1
            width = width_at_phone(page, live_server, path)
            if width > 360:
                too_wide.append(f"{role} {path}: {width}px")
    page.close()
    # figures, not asserted: the crawl (test client) and the browser's part
    print(f"360-px sweep: {seen} pages; crawl {crawling:.0f} s, browser {time.monotonic() - started - crawling:.0f} s")
    assert seen > 50
    assert too_wide == [], "\n".join(too_wide)


# The areas of governance, grants after the award and indicators: each
# entry point of their menus and home sections, and every page shape reached
# from them, for every role that opens it (the capped sweep above reaches
# only a few pages per role).
AREAS = ("/gouvernance/", "/indicateurs/", "/financements/accords/", "/urgence/releves/")
ENTRIES = (
    "/gouvernance/groupes/", "/gouvernance/documents/", "/gouvernance/documents/publics/", "/gouvernance/reunions/",
    "/gouvernance/assemblee/", "/gouvernance/elections/", "/indicateurs/", "/indicateurs/plan/",
    "/indicateurs/rapport-annuel/", "/financements/accords/", "/urgence/releves/",
)


def test_every_page_shape_of_the_governance_grant_and_indicator_areas_fits_a_360_px_screen(
    live_server, context, client_for, settings, tmp_path, monkeypatch
):
    readers = demo_readers(client_for, settings, tmp_path, monkeypatch)
    too_wide, shown = [], set()
    page = context.new_page()
    for role, client in readers.items():
        pages, _problems = sweep(client, ENTRIES, limit=80, per_shape=1, signed_in=role != "visitor", check_all=False)
        ours = [path for path in capped(pages, len(pages)) if path.startswith(AREAS)]
        as_reader(context, live_server, role, client)
        for path in ours:
            if (role, page_shape(path)) in shown:
                continue
            shown.add((role, page_shape(path)))
            width = width_at_phone(page, live_server, path)
            if width > 360:
                too_wide.append(f"{role} {path}: {width}px")
    page.close()
    shapes = {shape for _role, shape in shown}
    # every entry point was shown to someone, and the pages behind them too
    assert set(ENTRIES) <= shapes, sorted(set(ENTRIES) - shapes)
    assert len(shapes) >= 25, sorted(shapes)
    assert too_wide == [], "\n".join(too_wide)
