"""After the award: expenses, results, reports to the donor, closing."""

from .closing import agreement_close_out, closing_balance
from .expenses import expense_add, expense_sheet_import, expense_sheet_preview, expense_sheet_upload
from .ledger import agreement_ledger
from .reminders import report_reminders_send
from .reports import report_approve, report_draft, report_generate, report_schedule, report_submit, report_upload
from .results import reporting_period_add, result_record, result_validate

__all__ = [
    "agreement_close_out",
    "agreement_ledger",
    "closing_balance",
    "expense_add",
    "expense_sheet_import",
    "expense_sheet_preview",
    "expense_sheet_upload",
    "report_approve",
    "report_draft",
    "report_generate",
    "report_reminders_send",
    "report_schedule",
    "report_submit",
    "report_upload",
    "reporting_period_add",
    "result_record",
    "result_validate",
]
