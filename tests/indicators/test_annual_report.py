"""The annual report: a .docx read back with python-docx (headings, tables
equal to the figures' shown values, charts as pictures), suppressed cells
shown "<3" and never their number, French and English, the PDF, a template
replaced by upload and a hostile one refused, and the page that makes it."""

import re
import zipfile
from decimal import Decimal
from io import BytesIO

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from approvals.letters.defaults import DEFAULTS_DIR
from approvals.letters.rendering import check_template
from approvals.models import LetterTemplate
from indicators.annual_report import ReportFailed, annual_report_docx, annual_report_pdf
from indicators.periods import Period
from indicators.tables import Cell, Table
from tests.letters.helpers import docx_with

HOSTILE = 'Ville <w:p> & "Sœurs" </w:t>{{ 7*7 }}'
SECRET = 17  # a suppressed count: it must appear nowhere


def tables():
    return [
        Table(
            key="requests-by-country",
            title="Demandes d'urgence par pays",
            description="Demandes reçues pendant l'année",
            label_header="Pays",
            columns=["Reçues", "Accordées"],
            rows=[
                ("Cameroun", [Cell(12), Cell(8)]),
                ("Tchad", [Cell(2, hidden=True), Cell(SECRET, hidden=True)]),
                (HOSTILE, [Cell(5), Cell(None)]),
            ],
            notes=["Moins de 3 personnes : masqué."],
        ),
        Table(
            key="per-quarter",
            title="Adhésions par trimestre",
            label_header="Trimestre",
            columns=["Reçues", "Approuvées"],
            rows=[("T1", [Cell(4), Cell(3)]), ("T2", [Cell(6), Cell(Decimal("5"))])],
            chart="series",
        ),
        Table(
            key="domains",
            title="Membres par domaine",
            columns=["Membres"],
            rows=[("Droits des femmes", [Cell(9)])],
            chart="",
        ),
    ]


def read(content: bytes) -> docx.Document:
    return docx.Document(BytesIO(content))


def all_xml(content: bytes) -> str:
    with zipfile.ZipFile(BytesIO(content)) as archive:
        return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist() if name.endswith(".xml"))


def test_the_report_reads_back_with_its_headings_tables_and_charts(db):
    figures = tables()
    document = read(annual_report_docx(period=Period.year(2026), tables=figures, language="fr"))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Title", "Rapport annuel 2026") in paragraphs
    assert [text for style, text in paragraphs if style == "Heading 2"] == [t.title for t in figures]
    assert "Demandes reçues pendant l'année" in [text for _style, text in paragraphs]
    # each table: the header, then each row's label and shown values
    assert len(document.tables) == len(figures)
    for grid, table in zip(document.tables, figures):
        cells = [[cell.text for cell in row.cells] for row in grid.rows]
        assert cells[0] == [table.label_header, *table.columns]
        assert cells[1:] == [[label, *(c.shown() for c in row)] for label, row in table.rows]
    # a chart per table that has one, as a PNG picture
    assert len(document.inline_shapes) == 2
    pictures = [rel.target_part for rel in document.part.rels.values() if "image" in rel.reltype]
    assert len(pictures) == 2 and all(part.content_type == "image/png" for part in pictures)
    assert all(part.blob.startswith(b"\x89PNG") for part in pictures)
    # facts of the period
    assert "Tableaux de chiffres : 3" in [text for _style, text in paragraphs]


def test_suppressed_cells_show_less_than_three_and_never_the_number(db):
    content = annual_report_docx(period=Period.year(2026), tables=tables(), language="fr")
    rows = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in read(content).tables[0].rows}
    assert rows["Tchad"] == ["<3", "<3"]
    text = re.sub(r"<[^>]+>", " ", all_xml(content))
    assert not re.search(rf"\b{SECRET}\b", text)
    assert "&lt;3" in all_xml(content)


def test_hostile_labels_stay_text(db):
    content = annual_report_docx(period=Period.year(2026), tables=tables(), language="fr")
    labels = [row.cells[0].text for row in read(content).tables[0].rows]
    assert HOSTILE in labels  # written as it is: not markup, not evaluated (no 49)


def test_french_and_english_reports_differ_in_language(db):
    french = read(annual_report_docx(period=Period.year(2026), tables=tables(), language="fr", charts=False))
    english = read(annual_report_docx(period=Period.year(2026), tables=tables(), language="en", charts=False))
    french_text = "\n".join(p.text for p in french.paragraphs)
    english_text = "\n".join(p.text for p in english.paragraphs)
    assert "Rapport annuel 2026" in french_text and "Les chiffres de l'année" in french_text
    assert "Période : du 1 janvier 2026 au 31 décembre 2026" in french_text
    assert "Annual report 2026" in english_text and "The year's figures" in english_text
    assert "Period: 1 January 2026 to 31 December 2026" in english_text
    assert "Période" not in english_text
    assert len(french.inline_shapes) == len(english.inline_shapes) == 0  # charts=False


def test_another_period_is_titled_by_its_dates(db):
    with translation.override("fr"):
        document = read(annual_report_docx(period=Period.quarter(2026, 2), tables=[], language="fr", charts=False))
    texts = [p.text for p in document.paragraphs]
    assert "Rapport d'activité du 1 avril 2026 au 30 juin 2026" in texts
    assert "Aucun chiffre pour cette période." in texts


def test_the_pdf_is_made_by_the_letters_conversion(db):
    pdf = annual_report_pdf(annual_report_docx(period=Period.year(2026), tables=tables(), language="en"))
    assert pdf.startswith(b"%PDF") and b"%%EOF" in pdf[-1024:]


@pytest.mark.parametrize("language", ["fr", "en", "es", "pt"])
def test_the_shipped_templates_pass_the_upload_check(db, language):
    content = (DEFAULTS_DIR / f"annual_report.{language}.docx").read_bytes()
    check_template(content, "annual_report")
    assert LetterTemplate.objects.filter(kind="annual_report", language=language, version=1).exists()


# --- replacing the template by upload, through the letter templates' admin


@pytest.fixture
def administrator(make_user):
    return make_user("administrator", is_staff=True, email="secretariat@example.org")


def upload(client, content: bytes, *, language="fr"):
    return client.post(
        "/admin/approvals/lettertemplate/add/",
        {"kind": "annual_report", "language": language, "note": "essai", "file": SimpleUploadedFile("rapport.docx", content)},
    )


def test_an_uploaded_template_replaces_the_shipped_one(administrator, client_for):
    own = docx_with(
        "Notre rapport : {{ report_title }}",
        "{%p for table in tables %}",
        "Figure : {{ table.title }} ({{ table.rows|length }} lignes)",
        "{%p endfor %}",
    )
    response = upload(client_for(administrator), own)
    assert response.status_code == 302
    assert LetterTemplate.objects.filter(kind="annual_report", language="fr").count() == 2
    document = read(annual_report_docx(period=Period.year(2026), tables=tables(), language="fr"))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Notre rapport : Rapport annuel 2026"
    assert "Figure : Adhésions par trimestre (2 lignes)" in texts
    # the English report still uses the shipped English template
    english = read(annual_report_docx(period=Period.year(2026), tables=tables(), language="en", charts=False))
    assert "The year's figures" in [p.text for p in english.paragraphs]


HOSTILE_TEMPLATES = {
    "a huge width": '{{ "x".center(10**9) }}',
    "a huge repetition": "{{ report_title * 1000000 }}",
    "a class escape": "{{ tables.__class__.__mro__ }}",
    "an item escape": "{{ network['__class__'] }}",
    "the attr filter": "{{ tables|attr('__class__') }}",
    "a letter's variable": "{{ dossier_reference }}",
    "nested loops over the figures": "{% for t in tables %}{% for r in t.rows %}{% for c in r.cells %}"
    "{% for a in report_title %}{% for b in report_title %}{{ c }}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
}


@pytest.mark.parametrize("payload", HOSTILE_TEMPLATES.values(), ids=HOSTILE_TEMPLATES.keys())
def test_a_hostile_template_is_refused_at_upload(payload, administrator, client_for):
    response = upload(client_for(administrator), docx_with("{{ report_title }}", payload))
    assert response.status_code == 200
    page = response.content.decode()
    assert "errorlist" in page or "errornote" in page
    assert LetterTemplate.objects.filter(kind="annual_report", language="fr").count() == 1


def test_a_hostile_template_already_stored_is_contained(db):
    # a version stored before a limit existed: the report fails with the reason, nothing else happens
    LetterTemplate.objects.create(
        kind="annual_report", language="fr", version=2, content=docx_with('{{ "x".center(1000000000) }}'), sha256="x"
    )
    with translation.override("fr"), pytest.raises(ReportFailed) as failed:
        annual_report_docx(period=Period.year(2026), tables=tables(), language="fr")
    assert "version 2" in str(failed.value) and "au plus 1000" in str(failed.value)
