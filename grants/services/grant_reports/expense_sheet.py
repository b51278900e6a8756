"""Reading a sheet of expenses (CSV or XLSX) with the opportunities sheet's
reader: every cell checked, every wrong one named by its row and column.
Nothing is written here."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import ClassVar

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...money import CENT, currencies, parse_amount, rate_for
from ...sheet_parsing import DATE_FORMATS, SheetResult, _text, locate_columns, plain_key

COLUMNS = {
    "organisation": (gettext_lazy("Organisation"), ["organisation", "partenaire", "organization", "partner"]),
    "line": (gettext_lazy("Ligne budgétaire"), ["ligne_budgetaire", "ligne", "budget_line", "line"]),
    "date": (gettext_lazy("Date"), ["date", "date_de_la_depense", "spent_on"]),
    "description": (gettext_lazy("Libellé"), ["libelle", "description", "objet"]),
    "voucher": (gettext_lazy("Pièce"), ["piece", "piece_justificative", "justificatif", "voucher", "receipt"]),
    "amount": (gettext_lazy("Montant"), ["montant", "amount"]),
    "currency": (gettext_lazy("Devise"), ["devise", "monnaie", "currency"]),
}
REQUIRED = ("line", "date", "description", "amount")


@dataclass
class ExpenseRow:
    number: int
    values: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)


@dataclass
class ParsedExpenses(SheetResult):
    column_labels: ClassVar[dict] = COLUMNS

    @property
    def total(self) -> Decimal:
        return sum((row.values.get("converted_amount") or Decimal(0) for row in self.rows), Decimal(0))


def _parse_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value).split(" ")[0]
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(_("Date illisible : « %(text)s » (écrivez par exemple 31/03/2026 ou 2026-03-31).") % {"text": text[:40]})


def parse_expenses(*, filename: str, content: bytes, currency: str, lines, organisations, allowed_ids) -> ParsedExpenses:
    """lines: the agreement's budget lines; organisations: the agreement's
    organisations; allowed_ids: those the person may enter expenses for."""
    parsed = ParsedExpenses()
    located = locate_columns(parsed, filename=filename, content=content, columns=COLUMNS, required=REQUIRED)
    if located is None:
        return parsed
    positions, body = located
    by_name = {}
    for organisation in organisations:
        for name in (organisation.name, organisation.acronym):
            if name:
                by_name.setdefault(plain_key(name), organisation)
    for number, cells in body:
        row = ExpenseRow(number=number)
        raw = {key: (cells[index] if index < len(cells) else None) for key, index in positions.items()}
        _clean(row, raw, currency=currency, lines=lines, by_name=by_name, allowed_ids=allowed_ids)
        parsed.rows.append(row)
    return parsed


def _clean(row, raw, *, currency, lines, by_name, allowed_ids):
    values, errors = row.values, row.errors
    organisation = None
    name = _text(raw.get("organisation"))
    if name:
        organisation = by_name.get(plain_key(name))
        if organisation is None:
            errors["organisation"] = _("Organisation inconnue dans cet accord : %(name)s.") % {"name": name[:60]}
        elif organisation.pk not in allowed_ids:
            errors["organisation"] = _("Vous ne pouvez pas saisir de dépenses pour %(name)s.") % {"name": organisation}
            organisation = None
    line_name = plain_key(_text(raw.get("line")))
    candidates = [
        line for line in lines
        if line_name and (plain_key(line.description) == line_name or line_name == str(line.pk))
        and (organisation is None or line.organisation_id == organisation.pk)
        and line.organisation_id in allowed_ids
    ]
    if "organisation" not in errors:
        if not line_name:
            errors["line"] = _("Indiquez la ligne budgétaire.")
        elif len(candidates) != 1:
            errors["line"] = (
                _("Ligne budgétaire inconnue : %(name)s.") if not candidates
                else _("Plusieurs lignes portent ce nom : indiquez l'organisation.")
            ) % {"name": _text(raw.get("line"))[:60]}
        else:
            values["budget_line"] = candidates[0]
            values["organisation_id"] = candidates[0].organisation_id
    try:
        values["spent_on"] = _parse_date(raw.get("date"))
    except ValueError as error:
        errors["date"] = str(error)
    description = re.sub(r"\s+", " ", _text(raw.get("description")))
    if not description:
        errors["description"] = _("Indiquez le libellé de la dépense.")
    values["description"] = description[:300]
    values["voucher"] = _text(raw.get("voucher"))[:100]
    try:
        values["amount"] = parse_amount(raw.get("amount"))
        if values["amount"] <= 0:
            errors["amount"] = _("Le montant doit être positif.")
    except ValueError as error:
        errors["amount"] = str(error)
    code = _text(raw.get("currency")).upper() or currency
    code = {"FCFA": "XAF", "€": "EUR", "$": "USD", "US$": "USD"}.get(code, code)
    if code not in currencies():
        errors["currency"] = _("Devise inconnue : %(code)s (devises acceptées : %(known)s).") % {
            "code": code, "known": ", ".join(currencies())}
    values["currency"] = code
    if "currency" not in errors and "date" not in errors and "amount" not in errors:
        converted = convert_expense(values["amount"], code, currency, on=values["spent_on"])
        if converted is None:
            errors["currency"] = no_rate_message(code, currency, values["spent_on"])
        else:
            values.update(converted)


def no_rate_message(from_currency, to_currency, on) -> str:
    return _("Aucun taux de %(from)s en %(to)s enregistré au %(date)s : enregistrez-le d'abord.") % {
        "from": from_currency, "to": to_currency, "date": date_format(on)}


def convert_expense(amount: Decimal, from_currency: str, to_currency: str, *, on: date) -> dict | None:
    """{rate, rate_date, converted_amount} with the recorded rate, or None."""
    if from_currency == to_currency:
        return {"rate": Decimal(1), "rate_date": None, "converted_amount": amount}
    found = rate_for(from_currency, to_currency, on=on)
    if found is None:
        return None
    rate, rate_date = found
    rate = Decimal(rate).quantize(Decimal("0.00000001"), rounding=ROUND_HALF_UP)
    return {"rate": rate, "rate_date": rate_date, "converted_amount": (amount * rate).quantize(CENT, rounding=ROUND_HALF_UP)}
