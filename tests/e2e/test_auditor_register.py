"""The auditor, on a phone: from the home page to the register of
decisions, filtered, and its CSV export downloaded."""

import pytest
from playwright.sync_api import expect

from tests.letters.factories import DecisionFactory

pytestmark = pytest.mark.e2e


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_auditor_reads_filters_and_exports_the_register(live_server, page, sign_in, make_user):
    approved = DecisionFactory(outcome="approve")
    rejected = DecisionFactory(outcome="reject")
    auditor = make_user("auditor", email="audit@example.org", full_name="Bailleur Audit")

    sign_in(page, auditor)
    expect(page.get_by_text("Vous ne voyez pas")).to_be_visible()
    assert fits_the_phone(page)
    page.get_by_role("link", name="Ouvrir le registre des décisions").click()

    expect(page.get_by_role("heading", name="Registre des décisions")).to_be_visible()
    expect(page.get_by_role("cell", name=approved.reference)).to_be_visible()
    assert fits_the_phone(page)

    page.get_by_label("Résultat").select_option("reject")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("cell", name=rejected.reference)).to_be_visible()
    expect(page.get_by_role("cell", name=approved.reference)).to_have_count(0)
    assert "outcome=reject" in page.url
    assert fits_the_phone(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    content = open(download_info.value.path(), encoding="utf-8-sig").read()
    assert rejected.reference in content and approved.reference not in content
