"""Expenses against the budget: one at a time, or a sheet previewed then
imported all or nothing (the opportunities sheet's reader and upload check)."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals.uploads import CSV, XLSX, download_name, inspect_upload, upload_policy

from ...models.grant_reports import Expense, ExpenseSheet
from ...report_access import organisations_of, scope_for
from .expense_sheet import ParsedExpenses, convert_expense, no_rate_message, parse_expenses

MAX_BYTES = 2 * 1024 * 1024
EXPENSE_SHEET = upload_policy(
    "expense_sheet", types=(CSV, XLSX), max_bytes=MAX_BYTES, description="Import des dépenses d'un accord (CSV ou XLSX)"
)


def _acting_for(by, agreement) -> frozenset:
    """The organisations this person enters expenses and results for."""
    scope = scope_for(by, agreement)
    if scope is None or not scope.organisation_ids:
        raise PermissionDenied(_("Vous ne pouvez pas saisir de dépenses pour cet accord."))
    return scope.organisation_ids


def _require_open(agreement):
    if agreement.state == agreement.State.CLOSED:
        raise ValidationError(_("Cet accord est clôturé : plus aucune saisie n'est possible."))


@transaction.atomic
def expense_add(*, agreement, by, budget_line, spent_on, description, amount, currency, voucher="") -> Expense:
    allowed = _acting_for(by, agreement)
    _require_open(agreement)
    if budget_line.proposal_id != agreement.proposal_id or budget_line.organisation_id not in allowed:
        raise PermissionDenied(_("Vous ne pouvez saisir que les dépenses de votre organisation."))
    converted = convert_expense(amount, currency, agreement.currency, on=spent_on)
    if converted is None:
        raise ValidationError({"currency": no_rate_message(currency, agreement.currency, spent_on)})
    return Expense.objects.create(
        agreement=agreement, budget_line=budget_line, organisation_id=budget_line.organisation_id, spent_on=spent_on,
        description=description, voucher=voucher, amount=amount, currency=currency, entered_by=by, **converted,
    )


def _parse(agreement, by, filename, content) -> ParsedExpenses:
    allowed = _acting_for(by, agreement)
    return parse_expenses(
        filename=filename, content=content, currency=agreement.currency,
        lines=list(agreement.proposal.budget_lines.all()), organisations=organisations_of(agreement), allowed_ids=allowed,
    )


@transaction.atomic
def expense_sheet_upload(*, agreement, by, filename: str, content: bytes) -> tuple[ExpenseSheet | None, ParsedExpenses]:
    """Check a sheet; kept for the import step only when every row is right."""
    _acting_for(by, agreement)
    _require_open(agreement)
    if len(content) > MAX_BYTES:
        return None, ParsedExpenses(errors=[_("Fichier trop lourd : 2 Mo au plus.")])
    try:
        checked = inspect_upload(content, accept=EXPENSE_SHEET, name=filename or "")
    except ValidationError as error:
        return None, ParsedExpenses(errors=list(error.messages))
    filename = download_name(filename or "depenses", checked.extension)
    parsed = _parse(agreement, by, filename, content)
    if not parsed.ok:
        return None, parsed
    sheet = ExpenseSheet.objects.create(
        agreement=agreement, filename=filename[:255], content=content, sha256=hashlib.sha256(content).hexdigest(),
        row_count=len(parsed.rows), uploaded_by=by,
    )
    return sheet, parsed


def expense_sheet_preview(*, sheet: ExpenseSheet, by) -> ParsedExpenses:
    return _parse(sheet.agreement, by, sheet.filename, bytes(sheet.content))


@transaction.atomic
def expense_sheet_import(*, sheet_id: int, by) -> ExpenseSheet:
    """Every row or none; a sheet already imported is not imported again."""
    sheet = ExpenseSheet.objects.select_for_update().select_related("agreement").get(pk=sheet_id)
    if sheet.uploaded_by_id != by.pk:
        raise PermissionDenied(_("Seule la personne qui a déposé la feuille l'importe."))
    if sheet.status == ExpenseSheet.Status.IMPORTED:
        return sheet
    _require_open(sheet.agreement)
    parsed = expense_sheet_preview(sheet=sheet, by=by)
    if not parsed.ok:
        raise ValidationError(
            _("La feuille contient %(count)d erreur(s) : rien n'a été importé.") % {"count": parsed.error_count}
        )
    Expense.objects.bulk_create([
        Expense(
            agreement=sheet.agreement, sheet=sheet, entered_by=by,
            **{k: v for k, v in row.values.items() if k != "organisation"},
        )
        for row in parsed.rows
    ])
    sheet.status = ExpenseSheet.Status.IMPORTED
    sheet.imported_at = timezone.now()
    sheet.save(update_fields=["status", "imported_at"])
    return sheet
