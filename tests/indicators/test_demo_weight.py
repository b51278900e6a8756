"""The page on a year of demo data: it shows something in every section,
weighs under 60 KB compressed, and the demo loads again without doubling."""

import gzip
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.demo import demo_user
from accounts.roles import Role
from casework.models import Case, Incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    monkeypatch.setattr("approvals.letters.services.issuing.to_pdf", lambda docx, **kwargs: b"%PDF-1.4\n%%EOF\n")
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())


def test_a_year_of_demo_data_fills_the_page_under_60_kb_compressed(demo, client_for):
    cases, incidents = Case.objects.count(), Incident.objects.count()
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    assert (Case.objects.count(), Incident.objects.count()) == (cases, incidents)

    client = client_for(demo_user(Role.COPIL_CHAIR))
    # the last twelve months, whatever today's date
    from django.utils import timezone

    today = timezone.localdate()
    query = {"start": today.replace(year=today.year - 1).isoformat(), "end": today.isoformat()}
    response = client.get(reverse("indicators:index"), query)
    assert response.status_code == 200
    compressed = len(gzip.compress(response.content))
    assert compressed < 60 * 1024, compressed
    html = response.content.decode()
    for section in ("membership", "fundraising", "proposals", "emergency", "incidents"):
        assert f'id="{section}"' in html
    from indicators.figures import indicator_tables
    from indicators.periods import Period

    tables = {t.key: t for t in indicator_tables(period=Period.between(today.replace(year=today.year - 1), today))}
    decided = dict((label, cells) for label, cells in tables["emergency-delays"].rows)["Toutes urgences"]
    assert decided[0].value >= 12 and decided[3].value is not None
    assert sum(1 for _label, cells in tables["incidents-month"].rows if cells[0].hidden or cells[0].value) >= 10
    assert dict(tables["membership-applications"].rows)["Demandes décidées"][0].value >= 2
