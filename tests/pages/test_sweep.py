"""The sweep: every page each demo role reaches by following links from its
home page answers (no link to a 403, a 404 or the sign-in page), and no page
has two elements with the same id. One demo person per role, and a visitor.
(The same pages at 360 px: tests/e2e/test_phone_sweep.py.)"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.demo import DEMO_PEOPLE
from accounts.models import User
from tests.pages.htmlcheck import sweep

FAKE_PDF = b"%PDF-1.4\n% test stand-in\n%%EOF\n"
PAGES_PER_ROLE = 60


@pytest.fixture
def demo(db, settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    # every role's sweep comes from one address: the register's links to
    # /verify/ would meet the visitors' rate limit (20 in 10 minutes)
    settings.RELAIS_VERIFY_RATE = "10000/600"
    monkeypatch.setattr("approvals.letters.services.issuing.to_pdf", lambda docx, **kwargs: FAKE_PDF)
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())


def one_person_per_role() -> dict[str, str]:
    chosen = {}
    for person in DEMO_PEOPLE:
        chosen.setdefault(person.role, person.email)
    return chosen


def test_every_link_each_demo_role_meets_answers_and_no_page_repeats_an_id(demo, client_for):
    problems, read = [], {}
    for role, email in one_person_per_role().items():
        pages, found = sweep(client_for(User.objects.get(email=email)), ("/",), limit=PAGES_PER_ROLE)
        read[role] = len(pages)
        problems += [f"{role}: {problem}" for problem in found]
    pages, found = sweep(Client(), ("/",), limit=PAGES_PER_ROLE, signed_in=False)
    read["visitor"] = len(pages)
    problems += [f"visitor: {problem}" for problem in found]

    assert problems == [], "\n".join(problems)
    # every role got somewhere: at least its home, its menu and what they lead to
    assert all(count >= 5 for count in read.values()), read
    assert sum(read.values()) > 300, read


def test_the_sweep_reports_a_dead_link_a_refused_link_and_a_duplicate_id(make_user, client_for):
    """The checker itself: a link to a page that does not exist, and one to a
    page the reader may not open (the auditor on the emergency cases' list)."""
    client = client_for(make_user("applicant"))
    pages, problems = sweep(client, ("/", "/nulle-part/", "/urgence/journal/"), limit=3)
    assert pages and pages[0] == "/"
    assert any(problem.startswith("/nulle-part/ answers 404") for problem in problems), problems
    assert any(problem.startswith("/urgence/journal/ answers 403") or problem.startswith("/urgence/journal/ answers 404") for problem in problems), problems
