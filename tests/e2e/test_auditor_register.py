"""The auditor, on a phone, from the demo and its printed login only: from
the home page to the register of decisions, filtered, and its CSV export
downloaded. The demo's auditor, Helen Carter, reads Relais in English."""

import re

import pytest
from playwright.sync_api import expect

from approvals.models import Decision
from tests.e2e.demo import demo, fits_the_phone, person  # noqa: F401  (fixtures)

pytestmark = pytest.mark.e2e


def test_the_auditor_reads_filters_and_exports_the_register(live_server, demo, person):
    # the demo's decisions on two membership applications: one approved, one rejected
    approved = Decision.objects.get(dossier_reference="ADH-2026-0006", outcome="approve")
    rejected = Decision.objects.get(dossier_reference="ADH-2026-0007", outcome="reject")

    page = person("auditeur@demo.relais.example")
    expect(page.get_by_text("You do not see")).to_be_visible()
    assert fits_the_phone(page)
    page.get_by_role("link", name="Open the register of decisions").click()

    expect(page.get_by_role("heading", name="Register of decisions")).to_be_visible()
    expect(page.get_by_role("cell", name=approved.reference)).to_be_visible()
    assert fits_the_phone(page)

    page.get_by_label(re.compile("^(Result|Outcome)$")).select_option("reject")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("cell", name=rejected.reference)).to_be_visible()
    expect(page.get_by_role("cell", name=approved.reference)).to_have_count(0)
    assert "outcome=reject" in page.url
    assert fits_the_phone(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    content = open(download_info.value.path(), encoding="utf-8-sig").read()
    assert rejected.reference in content and approved.reference not in content
