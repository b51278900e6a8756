"""The report drafts, made from plain data (no database here): the narrative
report as .docx (python-docx: the document is built from our own code, no
uploaded template is rendered, so the letters' sandbox is not needed) and
the financial report as .xlsx (openpyxl). Worded in the donor's language:
the caller activates it (translation.override) around these functions."""

import io
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

XLSX_MONEY = "#,##0.00"


def _money(value) -> str:
    if value is None:
        return "—"
    return f"{Decimal(value):,.2f}".replace(",", "\u202f")


def narrative_docx(data: dict) -> bytes:
    """data: title, agreement, funder, period (label, starts_on, ends_on or None),
    currency, objectives [{text, results [{text, indicators [{text, target,
    values [{organisation, value, comment}]}]}]}], activities [{organisation,
    description, amount}], partners [{organisation, budget, spent}]."""
    from docx import Document

    document = Document()
    document.core_properties.title = data["title"]
    document.add_heading(data["title"], level=0)
    document.add_paragraph(_("Accord : %(agreement)s — bailleur : %(funder)s") % data)
    period = data.get("period")
    if period:
        document.add_paragraph(
            _("Période : %(label)s, du %(start)s au %(end)s")
            % {"label": period["label"], "start": date_format(period["starts_on"]), "end": date_format(period["ends_on"])}
        )
    document.add_heading(_("Résultats obtenus"), level=1)
    for objective in data["objectives"]:
        document.add_heading(objective["text"], level=2)
        for result in objective["results"]:
            document.add_paragraph(result["text"], style="List Bullet")
            indicators = result["indicators"]
            if not indicators:
                continue
            table = document.add_table(rows=1, cols=4)
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, (_("Indicateur"), _("Cible"), _("Organisation"), _("Valeur atteinte"))):
                cell.text = str(text)
            for indicator in indicators:
                values = indicator["values"] or [{"organisation": "—", "value": _("non renseignée"), "comment": ""}]
                for value in values:
                    row = table.add_row().cells
                    row[0].text, row[1].text = indicator["text"], indicator["target"] or "—"
                    row[2].text, row[3].text = str(value["organisation"]), str(value["value"])
    document.add_heading(_("Activités réalisées"), level=1)
    if not data["activities"]:
        document.add_paragraph(_("Aucune dépense enregistrée sur la période."))
    for activity in data["activities"]:
        document.add_paragraph(
            f"{activity['organisation']} — {activity['description']} ({_money(activity['amount'])} {data['currency']})",
            style="List Bullet",
        )
    document.add_heading(_("Exécution du budget par partenaire"), level=1)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, (_("Organisation"), _("Budget"), _("Dépensé"))):
        cell.text = str(text)
    for partner in data["partners"]:
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = str(partner["organisation"]), _money(partner["budget"]), _money(partner["spent"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def financial_xlsx(ledger: dict, *, title: str) -> bytes:
    """ledger: currency, lines [{organisation, category, description, budget,
    spent, variance}], partners [{organisation, budget, spent, variance}],
    expenses [{spent_on, organisation, line, description, voucher, amount,
    currency, rate, converted}], total_budget, total_spent, total_variance.
    Totals are written as numbers (not formulas) so any reader sees them."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Budget"))[:31]
    sheet.append([title])
    sheet["A1"].font = bold
    sheet.append([_("Devise : %(currency)s") % {"currency": ledger["currency"]}])
    sheet.append([])
    sheet.append([str(h) for h in (_("Organisation"), _("Catégorie"), _("Ligne budgétaire"), _("Budget"), _("Dépensé"), _("Écart"))])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for line in ledger["lines"]:
        sheet.append([str(line["organisation"]), str(line["category"]), line["description"],
                      line["budget"], line["spent"], line["variance"]])
    sheet.append([str(_("Total")), "", "", ledger["total_budget"], ledger["total_spent"], ledger["total_variance"]])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    sheet.append([])
    sheet.append([str(h) for h in (_("Organisation"), "", "", _("Budget"), _("Dépensé"), _("Écart"))])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for partner in ledger["partners"]:
        sheet.append([str(partner["organisation"]), "", "", partner["budget"], partner["spent"], partner["variance"]])
    for row in sheet.iter_rows(min_row=4, min_col=4, max_col=6):
        for cell in row:
            cell.number_format = XLSX_MONEY
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["C"].width = 40

    detail = workbook.create_sheet(str(_("Dépenses"))[:31])
    detail.append([str(h) for h in (
        _("Date"), _("Organisation"), _("Ligne budgétaire"), _("Libellé"), _("Pièce"), _("Montant"), _("Devise"),
        _("Taux"), _("Montant (%(currency)s)") % {"currency": ledger["currency"]},
    )])
    for cell in detail[1]:
        cell.font = bold
    for expense in ledger["expenses"]:
        detail.append([expense["spent_on"], str(expense["organisation"]), expense["line"], expense["description"],
                       expense["voucher"], expense["amount"], expense["currency"], expense["rate"], expense["converted"]])
    detail.append([str(_("Total")), "", "", "", "", "", "", "", ledger["total_spent"]])
    for cell in detail[detail.max_row]:
        cell.font = bold
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
