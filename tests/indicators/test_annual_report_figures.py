"""The annual report made from the indicators page's own tables on the
scripted year (tests/indicators/dataset.py): every table of the page is in
the report with the same shown values, every suppressed cell reads "<3"."""

from io import BytesIO

import docx
import pytest
from django.utils import translation

from indicators.annual_report import annual_report_docx
from indicators.annual_report.sources import report_tables
from indicators.charts import chart_for
from indicators.figures import indicator_tables
from indicators.periods import Period

pytestmark = pytest.mark.django_db


def test_the_report_holds_every_table_of_the_page_as_shown(scripted):
    period = Period.year(2025)
    tables = report_tables(period=period, user=None)
    assert [t.key for t in tables] == [t.key for t in indicator_tables(period=period)]
    assert any(t.has_hidden() for t in tables)  # the scripted year suppresses some cells
    document = docx.Document(BytesIO(annual_report_docx(period=period, tables=tables, language="fr")))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == [t.title for t in tables]
    assert len(document.tables) == len(tables)
    for grid, table in zip(document.tables, tables):
        rows = [[cell.text for cell in row.cells] for row in grid.rows]
        assert rows[0] == [table.label_header, *table.columns], table.key
        assert rows[1:] == [[label, *(cell.shown() for cell in cells)] for label, cells in table.rows], table.key
        for (_label, cells), row in zip(table.rows, rows[1:]):
            for cell, text in zip(cells, row[1:]):
                if cell.hidden:
                    assert text == "<3"
    charted = [t for t in tables if str(chart_for(t))]
    assert len(document.inline_shapes) == len(charted)


def test_the_page_makes_the_report_from_the_page_figures_in_english(scripted, make_user, client_for):
    response = client_for(make_user("copil_chair")).post(
        "/indicateurs/rapport-annuel/", {"year": "2025", "language": "en", "format": "docx"}
    )
    assert response.status_code == 200
    document = docx.Document(BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    with translation.override("en"):
        assert headings == [t.title for t in indicator_tables(period=Period.year(2025))]
