"""CSV and XLSX of the indicators' tables. A suppressed cell is written
"<3", never its number (a `Cell` that is hidden holds no number to leak)."""

import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext as _

from approvals.exports import XLSX_TYPE, csv_response, spreadsheet_safe

from .tables import Cell, Table


def cell_value(cell: Cell):
    """What an export writes: "<3" for a hidden cell, "" for nothing, else the number."""
    if cell.hidden:
        return cell.shown()
    return "" if cell.value is None else cell.value


def table_rows(table: Table) -> tuple[list, list[list]]:
    header = [table.label_header or "", *table.columns]
    rows = [[label, *(cell_value(cell) for cell in cells)] for label, cells in table.rows]
    return header, rows


def table_csv(table: Table, filename: str) -> HttpResponse:
    header, rows = table_rows(table)
    return csv_response(filename, header, rows)


def _xlsx_value(value):
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, Decimal):
        return float(value) if value == value.to_integral_value() or abs(value) < Decimal("1e12") else str(value)
    return spreadsheet_safe(value)


def _sheet(workbook, table: Table, period_label: str) -> None:
    sheet = workbook.create_sheet(title=table.key[:31])
    sheet.append([spreadsheet_safe(table.title)])
    sheet.append([spreadsheet_safe(period_label)])
    if table.description:
        sheet.append([spreadsheet_safe(table.description)])
    sheet.append([])
    header, rows = table_rows(table)
    sheet.append([spreadsheet_safe(value) for value in header])
    for row in rows:
        sheet.append([_xlsx_value(value) for value in row])
    if table.notes:
        sheet.append([])
        for note in table.notes:
            sheet.append([spreadsheet_safe(note)])


def tables_xlsx(tables: list[Table], filename: str, period_label: str) -> HttpResponse:
    """One sheet per table."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for table in tables:
        _sheet(workbook, table, period_label)
    if not tables:
        workbook.create_sheet(title="-").append([_("Aucun tableau.")])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
