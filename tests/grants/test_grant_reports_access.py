"""A partner never sees another partner's expenses, results or reports: every
URL tried with the wrong user. Outsiders see nothing; auditors and the COPIL
read everything and change nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from grants.models import DonorReport, Expense, ExpenseSheet, IndicatorResult, ReportingPeriod
from grants.services.grant_reports import expense_add, expense_sheet_upload, report_generate
from tests.grants.factories import member_with_focal_point
from tests.grants.report_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(fundraiser):
    world = build_world(fundraiser)
    period = ReportingPeriod.objects.create(agreement=world.agreement, label="S1", starts_on=date(2026, 1, 1), ends_on=date(2026, 6, 30))
    world.expense_a = expense_add(agreement=world.agreement, by=world.focal_a, budget_line=world.lines["a"], spent_on=date(2026, 3, 1),
                                  description="Dépense secrète Alpha", amount=Decimal("100"), currency="EUR")
    world.result_a = IndicatorResult.objects.create(agreement=world.agreement, indicator=world.indicator, period=period,
                                                    organisation=world.partner_a, value="4242", entered_by=world.focal_a)
    world.report_a = DonorReport.objects.create(agreement=world.agreement, kind="financial", due_on=date(2026, 7, 31),
                                                organisation=world.partner_a)
    world.version_a = report_generate(report_id=world.report_a.pk, by=world.focal_a)
    world.whole = DonorReport.objects.create(agreement=world.agreement, kind="narrative", due_on=date(2026, 7, 31))
    world.version_whole = report_generate(report_id=world.whole.pk, by=world.lead_focal)
    world.sheet_a, _parsed = expense_sheet_upload(
        agreement=world.agreement, by=world.focal_a, filename="a.csv",
        content="Ligne budgétaire;Date;Libellé;Montant\nAteliers;01/03/2026;Autre;5\n".encode())
    return world


def _a_urls(world):
    base = f"/financements/accords/{world.agreement.pk}/"
    r = world.report_a
    return {
        "sheet": base + f"depenses/import/{world.sheet_a.pk}/",
        "validate": base + f"resultats/{world.result_a.pk}/valider/",
        "report": base + f"rapports/{r.pk}/",
        "generate": base + f"rapports/{r.pk}/generer/",
        "approve": base + f"rapports/{r.pk}/approuver/",
        "submit": base + f"rapports/{r.pk}/remettre/",
        "version": base + f"rapports/{r.pk}/versions/{world.version_a.pk}/",
        "whole": base + f"rapports/{world.whole.pk}/",
        "whole_version": base + f"rapports/{world.whole.pk}/versions/{world.version_whole.pk}/",
    }


def test_partner_b_never_reaches_partner_a_objects(world, client_for):
    client = client_for(world.focal_b)
    for name, url in _a_urls(world).items():
        assert client.get(url).status_code in (404, 405), name
        expected = 405 if name.endswith("version") else 404  # a download answers GET only
        assert client.post(url, {"upload": SimpleUploadedFile("x.pdf", b"%PDF")}).status_code == expected, name
    base = f"/financements/accords/{world.agreement.pk}/"
    for page in ("depenses/", "resultats/", "rapports/"):
        response = client.get(base + page)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Dépense secrète Alpha" not in body and "4242" not in body and "Association Alpha" not in body, page
    # and partner B's draft of its own ledger holds nothing of A's
    assert not DonorReport.objects.filter(organisation=world.partner_b).exists()
    world.result_a.refresh_from_db()
    world.report_a.refresh_from_db()
    assert not world.result_a.is_validated and world.report_a.versions.count() == 1
    assert ExpenseSheet.objects.get().status == ExpenseSheet.Status.PREVIEWED


def test_partner_a_sees_its_own_only_and_cannot_book_for_b(world, client_for):
    client = client_for(world.focal_a)
    urls = _a_urls(world)
    assert client.get(urls["report"]).status_code == 200
    assert client.get(urls["version"]).status_code == 200
    assert client.get(urls["whole"]).status_code == 404
    assert client.get(urls["whole_version"]).status_code == 404
    response = client.post(f"/financements/accords/{world.agreement.pk}/depenses/", {
        "budget_line": world.lines["b"].pk, "spent_on": "2026-03-01", "description": "x", "amount": "1", "currency": "EUR"})
    assert response.status_code == 400 and Expense.objects.count() == 1


def test_outsiders_see_nothing(world, client_for, make_user):
    _other, other_focal = member_with_focal_point(email="autre@example.org")
    base = f"/financements/accords/{world.agreement.pk}/"
    for user in (other_focal, make_user("membership_group")):
        client = client_for(user)
        for url in [base + "depenses/", base + "depenses/import/", base + "resultats/", base + "rapports/", base + "cloture/",
                    *_a_urls(world).values()]:
            assert client.get(url).status_code in (404, 405), (user, url)


def test_auditors_and_the_copil_read_everything_and_change_nothing(world, client_for, make_user):
    base = f"/financements/accords/{world.agreement.pk}/"
    for user in (make_user("auditor"), make_user("copil_member")):
        client = client_for(user)
        body = client.get(base + "depenses/").content.decode()
        assert "Dépense secrète Alpha" in body
        assert "4242" in client.get(base + "resultats/").content.decode()
        assert client.get(_a_urls(world)["version"]).status_code == 200
        assert client.post(base + "rapports/", {"kind": "financial", "due_on": "2026-09-30"}).status_code == 403
        assert client.post(_a_urls(world)["validate"]).status_code == 403
        assert client.post(base + "cloture/", {"outcome": "returned", "copil_decision": "x"}).status_code == 403
        assert client.get(base + "depenses/import/").status_code == 403
    assert DonorReport.objects.count() == 2
    world.result_a.refresh_from_db()
    assert not world.result_a.is_validated and world.result_a.validated_at is None
