"""No page has two elements with the same id, and every label names a field
of its page: the demo's pages, for every demo role and for a visitor, as
reached by following links from the home page."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.demo import DEMO_PEOPLE
from accounts.models import User
from tests.pages.htmlcheck import crawl, dangling_labels, duplicate_ids

FAKE_PDF = b"%PDF-1.4\n% test stand-in\n%%EOF\n"


@pytest.fixture
def demo(db, settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    monkeypatch.setattr("approvals.letters.services.issuing.to_pdf", lambda docx, **kwargs: FAKE_PDF)
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())


def one_person_per_role():
    chosen = {}
    for person in DEMO_PEOPLE:
        chosen.setdefault(person.role, person.email)
    return list(chosen.values())


def test_demo_pages_have_unique_ids_and_labels_that_name_their_field(demo, client_for):
    problems, visited = [], 0
    clients = [("visitor", Client())] + [(email, client_for(User.objects.get(email=email))) for email in one_person_per_role()]
    for who, client in clients:
        for path, html in crawl(client, ("/", "/mon-espace/", "/scrutins/"), limit=30):
            visited += 1
            if duplicates := duplicate_ids(html):
                problems.append(f"{who} {path}: ids {duplicates}")
            if dangling := dangling_labels(html):
                problems.append(f"{who} {path}: labels for {dangling}")
    assert visited > 50
    assert problems == [], "\n".join(problems)


def test_the_checker_sees_a_duplicate_and_a_dangling_label():
    html = '<form><label for="id_comment">A</label><textarea id="id_comment"></textarea></form>' * 2 + '<label for="nowhere">B</label>'
    assert duplicate_ids(html) == ["id_comment"]
    assert dangling_labels(html) == ["nowhere"]
