"""A statement as files: XLSX (openpyxl) and PDF (a .docx written with
python-docx, converted by LibreOffice through approvals.letters.pdf, the
same conversion as letters). Both write `Cell.shown()` for a hidden cell,
never its value."""

from decimal import Decimal
from io import BytesIO

from django.utils import formats
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Font

from approvals.letters.pdf import to_pdf
from indicators.tables import SMALL_CELL, Cell

from .build import Statement


def _heading(statement: Statement) -> list[str]:
    return [
        _("Relevé du fonds « %(fund)s » pour les bailleurs") % {"fund": statement.fund.name},
        _("Période : %(period)s · devise : %(currency)s") % {"period": statement.period, "currency": statement.fund.currency},
        _("Anonymisé : aucune référence, aucun nom, aucune date précise. Un groupe de moins de %(n)s personnes est affiché « <%(n)s » et ses montants sont masqués.")
        % {"n": SMALL_CELL},
    ]


def headers(table) -> list[str]:
    """The label header, then each column with the currency, except the
    breakdowns' first column (a number of people)."""
    counted = 1 if table.key.startswith("by_") else 0
    return [
        table.label_header,
        *[column if index < counted else f"{column} ({table.unit})" for index, column in enumerate(table.columns)],
    ]


def _xlsx_value(cell: Cell):
    if cell.hidden:
        return cell.shown()
    return cell.value


def statement_xlsx(statement: Statement) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Relevé")[:31]
    for line in _heading(statement):
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=13)
    for table in statement.tables:
        sheet.append([])
        sheet.append([table.title])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        sheet.append(headers(table))
        for label, cells in table.rows:
            sheet.append([label, *[_xlsx_value(cell) for cell in cells]])
        for note in table.notes:
            sheet.append([note])
    sheet.column_dimensions["A"].width = 48
    for column in "BCD":
        sheet.column_dimensions[column].width = 20
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _docx_text(cell: Cell) -> str:
    if cell.hidden or cell.value is None:
        return cell.shown()
    if isinstance(cell.value, Decimal):
        return formats.number_format(cell.value, decimal_pos=2, use_l10n=True, force_grouping=True)
    return str(cell.value)


def statement_docx(statement: Statement) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Liberation Sans"
    style.font.size = Pt(10)
    title, *lines = _heading(statement)
    document.add_heading(title, level=1)
    for line in lines:
        document.add_paragraph(line)
    for table in statement.tables:
        document.add_heading(table.title, level=2)
        if table.description:
            document.add_paragraph(table.description)
        names = headers(table)
        grid = document.add_table(rows=1, cols=len(names))
        grid.style = "Table Grid"
        for index, header in enumerate(names):
            grid.rows[0].cells[index].text = header
        for label, cells in table.rows:
            row = grid.add_row().cells
            row[0].text = label
            for index, cell in enumerate(cells, start=1):
                row[index].text = _docx_text(cell)
        for note in table.notes:
            document.add_paragraph(note)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def statement_pdf(statement: Statement) -> bytes:
    """The PDF, or approvals.letters.pdf.PdfConversionFailed."""
    return to_pdf(statement_docx(statement))
