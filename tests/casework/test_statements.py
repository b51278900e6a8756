"""The funds' statements for donors: the fund's ledger to the unit,
anonymised and suppressed in the page, the XLSX and the PDF; who may read them."""

import datetime as dt
import io
import re
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from openpyxl import load_workbook
from pypdf import PdfReader

from approvals.models import Ballot
from approvals.services import vote_cast
from casework.models import CaseAccessLog, Fund
from casework.services import case_assign, case_fast_track, contribution_record, disbursement_request, fund_create
from casework.statements import statement_build
from grants.models import Funder
from indicators.periods import Period

from .factories import LEGAL_NAME, make_case

DOUALA = ZoneInfo("Africa/Douala")
YEAR = Period.year(2025)


def _at(*args):
    return dt.datetime(*args, tzinfo=DOUALA)


def _approve(fund, chair, officer, *, at, amount, paid=(), **fields):
    """A critical case approved at `at` for `amount` from `fund`; `paid` are (datetime, amount) tranches."""
    with time_machine.travel(at, tick=False):
        case = make_case(urgency="critical", currency=fund.currency, requested_amount=Decimal(amount), **fields)
        case_assign(case_id=case.pk, officer=officer, by=chair)
        case_fast_track(case_id=case.pk, by=chair, proposed_amount=Decimal(amount), fund_id=fund.pk)
        vote_cast(ballot_id=Ballot.objects.get(dossier_reference=case.reference, status="open").pk, by=chair, choice="approve")
    for when, value in paid:
        with time_machine.travel(when, tick=False):
            disbursement_request(case_id=case.pk, by=officer, amount=Decimal(value), channel="bank", idempotency_key=uuid.uuid4())
    return case


@pytest.fixture
def books(emergency, chair, officer):
    """Two funds (XAF and EUR), three funders; 2025's figures are known by construction."""
    alpha = Funder.objects.create(name="Fondation Alpha", acronym="FA")
    gamma = Funder.objects.create(name="Gamma Trust")
    beta = Funder.objects.create(name="Ambassade Beta")
    xaf = fund_create(by=chair, name="Fonds Protection", currency="XAF")
    eur = fund_create(by=chair, name="Fonds Europe", currency="EUR")
    for fund, funder, amount, day in [
        (xaf, alpha, "700000", dt.date(2024, 12, 31)),  # the day before the period
        (xaf, alpha, "1500000", dt.date(2025, 1, 1)),
        (xaf, gamma, "500000", dt.date(2025, 12, 31)),
        (xaf, gamma, "250000", dt.date(2026, 1, 1)),  # the day after
        (eur, beta, "5000", dt.date(2025, 3, 3)),
    ]:
        contribution_record(fund_id=fund.pk, by=chair, funder_id=funder.pk, amount=Decimal(amount), received_on=day)
    # 2024: a case paid in 2024, and one approved in December 2024 and paid in 2025
    _approve(xaf, chair, officer, at=_at(2024, 5, 2, 10), amount="200000", paid=[(_at(2024, 5, 3, 10), "200000")], country="CG")
    _approve(xaf, chair, officer, at=_at(2024, 12, 20, 10), amount="80000", paid=[(_at(2025, 1, 15, 10), "30000")], country="CG")
    # 2025: four in Cameroon, three in Gabon, one lawyer in Chad (a cell of one)
    for day in range(1, 5):
        _approve(xaf, chair, officer, at=_at(2025, 2, day, 9), amount="100000", paid=[(_at(2025, 3, day, 9), "60000")], country="CM")
    for day in range(1, 4):
        _approve(xaf, chair, officer, at=_at(2025, 6, day, 9), amount="100000", paid=[(_at(2025, 7, day, 9), "60000")], country="GA")
    # paid at 23:30 in Douala on 31 December (22:30 UTC): in 2025
    _approve(
        xaf, chair, officer, at=_at(2025, 9, 9, 9), amount="50000", paid=[(_at(2025, 12, 31, 23, 30), "50000")],
        country="TD", gender="male", profile="lawyer", support=("legal",),
    )
    # paid at 00:30 in Douala on 1 January 2026 (23:30 UTC on 31 December): not in 2025
    _approve(xaf, chair, officer, at=_at(2025, 10, 1, 9), amount="90000", paid=[(_at(2026, 1, 1, 0, 30), "40000")], country="CM")
    for day in range(1, 4):
        _approve(eur, chair, officer, at=_at(2025, 4, day, 9), amount="1000", paid=[(_at(2025, 5, day, 9), "400")], country="CD")
    xaf.refresh_from_db()
    eur.refresh_from_db()
    return {"xaf": xaf, "eur": eur}


def _ledger(statement):
    return {label: [cell.value for cell in cells] for label, cells in statement.table("ledger").rows}


def test_the_statement_is_the_funds_ledger_to_the_unit(books):
    xaf, eur = books["xaf"], books["eur"]
    rows = _ledger(statement_build(xaf, YEAR))
    received, committed, paid = (rows[label] for label in list(rows)[:3])
    # the period, by construction
    assert received[0] == Decimal("2000000")
    assert committed[0] == Decimal("4") * 100000 + 3 * 100000 + 50000 + 90000
    assert paid[0] == Decimal("30000") + 4 * 60000 + 3 * 60000 + 50000
    # all time: the fund's running totals, to the unit
    assert (received[1], committed[1], paid[1]) == (xaf.contributed_total, xaf.committed_total, xaf.disbursed_total)
    assert received[1] == Decimal("2950000") and committed[1] == Decimal("1120000") and paid[1] == Decimal("740000")
    assert list(rows.values())[3][1] == xaf.balance and list(rows.values())[4][1] == xaf.cash
    # per funder, the period and all time add up to the ledger
    funders = {label: [cell.value for cell in cells] for label, cells in statement_build(xaf, YEAR).table("contributions").rows}
    assert funders["Fondation Alpha"] == [Decimal("1500000"), Decimal("2200000")]
    assert funders["Gamma Trust"] == [Decimal("500000"), Decimal("750000")]
    assert funders["Total"] == [received[0], received[1]]
    # the breakdowns' totals are the period's commitments and payments
    totals = dict(statement_build(xaf, YEAR).table("by_country").rows)["Total"]
    assert [cell.value for cell in totals] == [10, committed[0], paid[0]]
    # the other fund, in its own currency
    euro = _ledger(statement_build(eur, YEAR))
    assert [values[0] for values in list(euro.values())[:3]] == [Decimal("5000"), Decimal("3000"), Decimal("1200")]
    assert [values[1] for values in list(euro.values())[:3]] == [eur.contributed_total, eur.committed_total, eur.disbursed_total]
    # a quarter: the first (2 cases approved in February... four, paid in March; the 2024 case paid in January)
    first = _ledger(statement_build(xaf, Period.quarter(2025, 1)))
    assert [values[0] for values in list(first.values())[:3]] == [Decimal("1500000"), Decimal("400000"), Decimal("270000")]


def _count_cells_ok(value) -> bool:
    return value in (None, 0, "<3") or not isinstance(value, int) or value >= 3


def test_no_small_cell_in_the_xlsx(books, make_user, client_for):
    auditor = make_user("auditor")
    response = client_for(auditor).get("/urgence/releves/", {"fonds": books["xaf"].pk, "periode": "annee", "annee": 2025, "format": "xlsx"})
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    counted = False
    for row in rows:
        if row[0] is not None and row[1:2] == ["Personnes aidées"]:
            counted = True
            continue
        if counted and isinstance(row[1], (int, str)) and row[0] != "Total":
            assert _count_cells_ok(row[1]), row
    by_label = {row[0]: row[1:4] for row in rows if row[0]}
    # the lone lawyer from Chad: count and amounts hidden, in every breakdown
    for label in ("Tchad", "Avocat·e ou juriste", "Homme", "Frais juridiques"):
        assert by_label[label] == ["<3", "<3", "<3"], label
    # Congo (the case approved in 2024 and paid in 2025) is alone too: hidden
    assert by_label["Congo"] == ["<3", "<3", "<3"]
    assert by_label["Gabon"] == [3, Decimal("300000"), Decimal("180000")] and by_label["Cameroun"][0] == 5
    text = " ".join(str(value) for row in rows for value in row if value is not None)
    assert "URG-" not in text and LEGAL_NAME not in text and "Colibri" not in text and "2025-" not in text
    assert CaseAccessLog.objects.filter(user=auditor, part="export", detail__startswith="statement").exists()


def test_no_small_cell_in_the_pdf(books, make_user, client_for):
    response = client_for(make_user("administrator")).get(
        "/urgence/releves/", {"fonds": books["xaf"].pk, "periode": "annee", "annee": 2025, "format": "pdf"}
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Fonds Protection" in text and "Fondation Alpha" in text
    flat = " ".join(text.split())
    for label in ("Tchad", "Avocat·e ou juriste", "Homme", "Congo"):
        assert re.search(rf"{re.escape(label)} <3 <3 <3", flat), label
    # no count of one or two anywhere: every breakdown row is a label, then "<3" or a count of 3 or more
    assert not re.search(r"(Cameroun|Congo|Journaliste|Femme|Relocalisation temporaire) [12] ", flat)
    assert "URG-" not in text and LEGAL_NAME not in text and "Colibri" not in text


def test_no_small_cell_in_the_page(books, make_user, client_for):
    response = client_for(make_user("emergency_chair")).get("/urgence/releves/", {"fonds": books["xaf"].pk, "periode": "trimestre", "annee": 2025, "trimestre": 3})
    assert response.status_code == 200
    page = response.content.decode()
    # Q3 2025: three cases paid in Gabon in July, the Chadian lawyer approved in September
    rows = {m.group(1): m.group(2) for m in re.finditer(r'<th scope="row">([^<]+)</th>(.*?)</tr>', page)}
    assert rows["Tchad"].count("&lt;3") == 3 and rows["Gabon"].count("&lt;3") == 3
    for cells in rows.values():
        assert not re.search(r'<td class="num">[12]</td>', cells)
    assert "URG-" not in page and LEGAL_NAME not in page and "Colibri" not in page


def test_statements_are_for_the_committee_the_copil_auditors_and_the_secretariat(books, make_user, client_for, client):
    url = "/urgence/releves/"
    for role in ("emergency_chair", "emergency_member", "copil_member", "auditor", "administrator"):
        assert client_for(make_user(role)).get(url, {"fonds": books["eur"].pk}).status_code == 200, role
    for role in ("case_officer", "applicant", "member_focal_point", "fundraising_group", "country_focal_point"):
        assert client_for(make_user(role)).get(url).status_code == 403, role
    assert client.get(url).status_code == 302
    auditor = client_for(make_user("auditor"))
    assert auditor.post(url).status_code == 405
    # a period from one date to another, both included
    dates = auditor.get(url, {"fonds": books["xaf"].pk, "periode": "dates", "du": "2025-07-01", "au": "2025-09-30"})
    assert dates.status_code == 200 and "01/07/2025 – 30/09/2025" in dates.content.decode()
    assert auditor.get(url, {"fonds": books["xaf"].pk, "periode": "dates", "du": "2025-09-30", "au": "2025-07-01"}).status_code == 400
    # linked from the figures page and the fund's page
    assert url in client_for(make_user("auditor")).get("/urgence/chiffres/").content.decode()
    chair = Fund.objects.get(pk=books["xaf"].pk)
    assert f"{url}?fonds={chair.pk}" in client_for(make_user("emergency_chair")).get(f"/urgence/fonds/{chair.pk}/").content.decode()
