"""The indicators page and its exports: who may open them, what they show,
and that no small cell leaves the server, in the page or in a file."""

import csv
import io
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from indicators.figures import indicator_tables
from indicators.periods import Period

from .dataset import build

pytestmark = pytest.mark.django_db
YEAR = {"year": "2025"}

# Where people at risk are counted: the columns that count them.
COUNT_COLUMNS = {
    "emergency-urgency": [0], "emergency-profile": [0], "emergency-gender": [0], "emergency-country": [0],
    "emergency-delays": [0, 4], "emergency-paid-fund": [0], "emergency-paid-country": [0], "emergency-paid-support": [0],
    "incidents-country": [0], "incidents-type": [0], "incidents-month": [0],
}


class Tables(HTMLParser):
    """{caption: [[cell text, …] per body row]} of a page."""

    def __init__(self):
        super().__init__()
        self.tables, self.caption, self.row, self.cell, self.where = {}, None, None, None, None

    def handle_starttag(self, tag, attrs):
        if tag == "caption":
            self.where, self.caption = "caption", ""
        elif tag == "tbody":
            self.tables[self.caption] = []
        elif tag == "tr" and self.caption in self.tables:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "caption":
            self.where = None
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.tables[self.caption].append(self.row)
            self.row = None
        elif tag == "tbody":
            self.caption = None

    def handle_data(self, data):
        if self.where == "caption":
            self.caption += data
        elif self.cell is not None:
            self.cell += data


def page_tables(content: bytes) -> dict:
    parser = Tables()
    parser.feed(content.decode())
    return parser.tables


def small(text) -> bool:
    return str(text).strip().replace("\u202f", "").replace("\xa0", "") in ("1", "2", "1.0", "2.0")


@pytest.fixture
def copil(make_user, client_for):
    return client_for(make_user("copil_member"))


@pytest.mark.parametrize("role", ["copil_member", "copil_chair", "administrator", "auditor"])
def test_the_copil_the_secretariat_and_auditors_open_the_page_and_its_exports(role, make_user, client_for):
    client = client_for(make_user(role, is_staff=role == "administrator"))
    page = client.get(reverse("indicators:index"), YEAR)
    assert page.status_code == 200
    assert b"<caption>" in page.content
    assert client.get(reverse("indicators:export", kwargs={"key": "membership-applications", "fmt": "csv"})).status_code == 200
    assert client.get(reverse("indicators:export_all")).status_code == 200


@pytest.mark.parametrize("role", ["emergency_chair", "fundraising_group", "member_focal_point", "applicant", "case_officer"])
def test_other_people_are_refused_with_a_reason(role, make_user, client_for):
    client = client_for(make_user(role))
    for url in (reverse("indicators:index"), reverse("indicators:export_all"),
                reverse("indicators:export", kwargs={"key": "emergency-gender", "fmt": "xlsx"})):
        response = client.get(url)
        assert response.status_code == 403
        assert "réservés au COPIL" in response.content.decode()


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(reverse("indicators:index")).status_code == 302


def test_the_menu_offers_the_page_to_its_readers_only(make_user, client_for):
    url = reverse("indicators:index")
    assert f'href="{url}"' in client_for(make_user("auditor")).get(reverse("home")).content.decode()
    assert f'href="{url}"' not in client_for(make_user("fundraising_group")).get(reverse("home")).content.decode()


def test_the_page_shows_the_known_figures_with_captions_and_links_the_reader_may_follow(scripted, copil, make_user, client_for):
    response = copil.get(reverse("indicators:index"), YEAR)
    tables = page_tables(response.content)
    assert tables["Adhésion : demandes"][0] == ["Demandes reçues", "3"]
    assert tables["Demandes d'urgence par genre"] == [["Femme", "5"], ["Homme", "<3"], ["Non binaire", "<3"], ["Non précisé", "0"]]
    html = response.content.decode()
    # the COPIL opens the list of applications, not the list of emergency cases
    assert f'href="{reverse("members:applications")}?etat=approved"' in html
    assert reverse("casework:cases") not in html
    superuser = client_for(make_user(is_superuser=True, is_staff=True))
    assert f'href="{reverse("casework:cases")}?urgency=critical' in superuser.get(reverse("indicators:index"), YEAR).content.decode()


def test_filters_by_quarter_dates_country_and_gender(scripted, copil):
    first_quarter = page_tables(copil.get(reverse("indicators:index"), {"year": "2025", "quarter": "1"}).content)
    assert first_quarter["Adhésion : demandes"][0] == ["Demandes reçues", "2"]
    span = page_tables(copil.get(reverse("indicators:index"), {"start": "2025-12-31", "end": "2026-01-01"}).content)
    assert span["Adhésion : demandes"][0] == ["Demandes reçues", "2"]
    gabon = page_tables(copil.get(reverse("indicators:index"), {"year": "2025", "country": "GA"}).content)
    assert gabon["Membres par pays"] == [["Gabon", "1"]]
    women = page_tables(copil.get(reverse("indicators:index"), {"year": "2025", "gender": "female"}).content)
    assert women["Demandes d'urgence par genre"] == [["Femme", "5"]]
    bad = copil.get(reverse("indicators:index"), {"start": "2025-12-31"})
    assert bad.status_code == 400 and "les deux dates" in bad.content.decode()


def test_no_small_cell_in_the_page_nor_in_any_export(scripted, copil):
    tables = {table.key: table for table in indicator_tables(period=Period.year(2025))}
    hidden = 0
    for key, columns in COUNT_COLUMNS.items():
        for _label, cells in tables[key].rows:
            for index in columns:
                hidden += cells[index].hidden
                assert cells[index].hidden or not small(cells[index].value), key
    assert hidden >= 6  # the dataset has small cells to hide
    shown = page_tables(copil.get(reverse("indicators:index"), YEAR).content)
    for key, columns in COUNT_COLUMNS.items():
        rows = shown[tables[key].title]
        assert rows, key
        for row in rows:
            for index in columns:
                assert not small(row[index + 1]), (key, row)
        exported = copil.get(reverse("indicators:export", kwargs={"key": key, "fmt": "csv"}), YEAR).content.decode("utf-8-sig")
        lines = list(csv.reader(io.StringIO(exported), delimiter=";"))[1:]
        assert len(lines) == len(tables[key].rows)
        for row in lines:
            for index in columns:
                assert not small(row[index + 1]), (key, row)
    for response in (copil.get(reverse("indicators:export_all"), YEAR),
                     copil.get(reverse("indicators:export", kwargs={"key": "emergency-gender", "fmt": "xlsx"}), YEAR)):
        workbook = load_workbook(io.BytesIO(response.content), read_only=True)
        for sheet in workbook.worksheets:
            if sheet.title not in COUNT_COLUMNS:
                continue
            rows = [row for row in sheet.iter_rows(values_only=True)]
            header = next(i for i, row in enumerate(rows) if row and row[0] == tables[sheet.title].label_header)
            for row in rows[header + 1: header + 1 + len(tables[sheet.title].rows)]:
                for index in COUNT_COLUMNS[sheet.title]:
                    assert not small(row[index + 1]), (sheet.title, row)
    gender_sheet = load_workbook(io.BytesIO(copil.get(reverse("indicators:export", kwargs={"key": "emergency-gender", "fmt": "xlsx"}), YEAR).content)).active
    assert ["Non binaire", "<3"] in [list(row[:2]) for row in gender_sheet.iter_rows(values_only=True)]


def test_every_table_exports_and_an_unknown_one_is_404(scripted, copil):
    keys = [table.key for table in indicator_tables(period=Period.year(2025))]
    all_tables = load_workbook(io.BytesIO(copil.get(reverse("indicators:export_all"), YEAR).content), read_only=True)
    assert all_tables.sheetnames == [key[:31] for key in keys]
    response = copil.get(reverse("indicators:export", kwargs={"key": "fundraising-amounts", "fmt": "csv"}), YEAR)
    assert response["Content-Disposition"].endswith('indicateurs-fundraising-amounts-20250101-20251231.csv"')
    assert "9839355.00" in response.content.decode("utf-8-sig")
    assert copil.get(reverse("indicators:export", kwargs={"key": "nope", "fmt": "csv"})).status_code == 404
    assert copil.get(reverse("indicators:export", kwargs={"key": "proposals", "fmt": "pdf"})).status_code == 404


def _page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("indicators:index"), YEAR).status_code == 200
    return len(queries)


def test_the_page_reads_a_bounded_number_of_queries_whatever_the_data(copil):
    build(scale=1)
    small_count = _page_queries(copil)
    build(scale=2)
    assert _page_queries(copil) == small_count
    assert 15 <= small_count <= 45  # 22 today: the shell's 4, then one or two per table


def test_each_chart_is_drawn_beside_its_table_and_hides_what_the_table_hides(scripted, copil):
    tables = indicator_tables(period=Period.year(2025))
    html = copil.get(reverse("indicators:index"), YEAR).content.decode()
    assert html.count('<svg') == sum(1 for table in tables if table.chart)
    gender = html[html.index('id="t-emergency-gender"'):]
    gender = gender[: gender.index("</svg>")]
    assert "&lt;3" in gender and "Non binaire" in gender


def test_the_emergency_figures_page_links_to_the_indicators_for_their_readers(make_user, client_for):
    url = reverse("indicators:index")
    assert url in client_for(make_user("copil_member")).get(reverse("casework:figures")).content.decode()
    assert url not in client_for(make_user("emergency_member")).get(reverse("casework:figures")).content.decode()
