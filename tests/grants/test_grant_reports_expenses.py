"""Spending against the budget: expenses entered or imported from a sheet
(preview, errors by row and column, all or nothing), converted at the
recorded rate, with the variance per budget line and per organisation."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from grants.models import Expense, ExpenseSheet
from grants.services.grant_reports import agreement_ledger
from tests.grants.report_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(fundraiser):
    return build_world(fundraiser)


def _url(world, tail=""):
    return f"/financements/accords/{world.agreement.pk}/{tail}"


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("depenses.csv", text.encode("utf-8-sig"))


def test_a_partner_imports_its_expenses_after_a_preview_converted_at_the_recorded_rate(world, client_for):
    client = client_for(world.focal_a)
    sheet = (
        "Organisation;Ligne budgétaire;Date;Libellé;Pièce;Montant;Devise\n"
        "ALPHA;Ateliers;15/03/2026;Atelier de Moundou;F-001;2 500;EUR\n"
        "Association Alpha;ateliers;2026-04-02;Salle et repas;F-002;655 957;XAF\n"
    )
    response = client.post(_url(world, "depenses/import/"), {"sheet": _csv(sheet)})
    assert response.status_code == 302
    preview = response["Location"]
    assert not Expense.objects.exists()  # nothing before the import step
    page = client.get(preview)
    assert page.status_code == 200 and "Atelier de Moundou" in page.content.decode()

    assert client.post(preview).status_code == 302
    assert client.post(preview).status_code == 302  # a double click imports nothing more
    expenses = list(Expense.objects.order_by("spent_on"))
    assert [e.converted_amount for e in expenses] == [Decimal("2500.00"), Decimal("1000.00")]
    assert expenses[1].currency == "XAF" and expenses[1].rate_date is not None
    assert ExpenseSheet.objects.get().status == ExpenseSheet.Status.IMPORTED

    ledger = agreement_ledger(world.agreement)
    by_line = {row["description"]: row for row in ledger["lines"]}
    assert by_line["Ateliers"]["spent"] == Decimal("3500.00")
    assert by_line["Ateliers"]["variance"] == Decimal("16500.00")
    by_org = {row["organisation"].pk: row for row in ledger["partners"]}
    assert by_org[world.partner_a.pk]["variance"] == Decimal("16500.00")
    assert by_org[world.partner_b.pk]["spent"] == Decimal("0")
    assert ledger["total_spent"] == Decimal("3500.00")

    page = client.get(_url(world, "depenses/")).content.decode()
    assert "Salle et repas" in page and "16" in page


def test_import_errors_are_named_by_row_and_column_and_nothing_is_saved(world, client_for):
    client = client_for(world.focal_a)
    sheet = (
        "Organisation;Ligne budgétaire;Date;Libellé;Montant;Devise\n"
        "ALPHA;Ateliers;15/03/2026;Bonne ligne;100;EUR\n"
        "ALPHA;Inconnue;15/03/2026;Ligne inconnue;100;EUR\n"
        "ALPHA;Ateliers;31/02/2026;Date fausse;100;EUR\n"
        "BRAVO;Formations;15/03/2026;Autre partenaire;100;EUR\n"
        "ALPHA;Ateliers;15/03/2026;Sans taux;100;USD\n"
        "ALPHA;Ateliers;15/03/2026;Montant illisible;douze;EUR\n"
    )
    response = client.post(_url(world, "depenses/import/"), {"sheet": _csv(sheet)})
    assert response.status_code == 400
    errors = {(e["row"], e["column"]) for e in response.context["errors"]}
    assert errors == {(3, "B"), (4, "C"), (5, "A"), (6, "F"), (7, "E")}
    body = response.content.decode()
    assert "Ligne budgétaire inconnue" in body and "Vous ne pouvez pas saisir de dépenses pour Bravo Droits" in body
    assert not Expense.objects.exists() and not ExpenseSheet.objects.exists()


def test_an_xlsx_sheet_is_read_too(world, client_for):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Ligne budgétaire", "Date", "Libellé", "Montant"])
    workbook.active.append(["Formations", "2026-05-01", "Formation à Bangui", 1200])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = client_for(world.focal_b)
    response = client.post(_url(world, "depenses/import/"), {"sheet": SimpleUploadedFile("d.xlsx", buffer.getvalue())})
    assert response.status_code == 302
    client.post(response["Location"])
    expense = Expense.objects.get()
    assert expense.organisation == world.partner_b and expense.converted_amount == Decimal("1200.00")


def test_one_expense_through_the_form(world, client_for):
    client = client_for(world.focal_b)
    response = client.post(
        _url(world, "depenses/"),
        {"budget_line": world.lines["b"].pk, "spent_on": "2026-06-01", "description": "Transport", "amount": "131 191,40", "currency": "XAF"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Expense.objects.get().converted_amount == Decimal("200.00")
    # a partner cannot book on another organisation's line: the choice is not offered
    response = client.post(
        _url(world, "depenses/"),
        {"budget_line": world.lines["a"].pk, "spent_on": "2026-06-01", "description": "x", "amount": "1", "currency": "EUR"},
    )
    assert response.status_code == 400 and Expense.objects.count() == 1


def test_an_amount_in_a_currency_without_a_recorded_rate_is_refused(world, client_for):
    response = client_for(world.focal_a).post(
        _url(world, "depenses/"),
        {"budget_line": world.lines["a"].pk, "spent_on": "2026-06-01", "description": "x", "amount": "10", "currency": "USD"},
    )
    assert response.status_code == 400 and "Aucun taux" in response.content.decode()
    assert not Expense.objects.exists()
