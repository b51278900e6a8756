"""The spending ledger of an agreement: budget, spent and variance per budget
line and per organisation, in the agreement's currency (reads only)."""

from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from ...models.grant_reports import Expense
from .expense_sheet import convert_expense

ZERO = Decimal("0.00")


def _budget_in(line, currency, on):
    converted = convert_expense(line.amount, line.currency, currency, on=on)
    return None if converted is None else converted["converted_amount"]


def agreement_ledger(agreement, *, organisation_ids=None, until=None) -> dict:
    """organisation_ids: None for every organisation, else only those (a
    partner's own view). until: expenses on or before that date only."""
    currency = agreement.currency
    proposal = agreement.proposal
    on = getattr(agreement, "starts_on", None) or timezone.localdate()
    lines = proposal.budget_lines.select_related("organisation").order_by("organisation_id", "category", "id")
    expenses = Expense.objects.filter(agreement=agreement).select_related("organisation", "budget_line")
    if organisation_ids is not None:
        lines = lines.filter(organisation_id__in=organisation_ids)
        expenses = expenses.filter(organisation_id__in=organisation_ids)
    if until is not None:
        expenses = expenses.filter(spent_on__lte=until)
    spent_by_line = {
        row["budget_line"]: row["total"] for row in expenses.values("budget_line").annotate(total=Sum("converted_amount"))
    }
    rows, partners, missing_rates = [], {}, []
    for line in lines:
        budget = _budget_in(line, currency, on)
        if budget is None:
            missing_rates.append(line)
        spent = spent_by_line.get(line.pk) or ZERO
        rows.append({
            "id": line.pk, "organisation": line.organisation, "organisation_id": line.organisation_id,
            "category": line.get_category_display(), "description": line.description,
            "budget": budget, "spent": spent, "variance": None if budget is None else budget - spent,
        })
        partner = partners.setdefault(
            line.organisation_id, {"organisation": line.organisation, "budget": ZERO, "spent": ZERO, "variance": ZERO}
        )
        partner["budget"] += budget or ZERO
        partner["spent"] += spent
        partner["variance"] = partner["budget"] - partner["spent"]
    ledger_rows = [
        {
            "id": e.pk, "spent_on": e.spent_on, "organisation": e.organisation, "organisation_id": e.organisation_id,
            "line": e.budget_line.description, "description": e.description, "voucher": e.voucher,
            "amount": e.amount, "currency": e.currency, "rate": e.rate, "rate_date": e.rate_date, "converted": e.converted_amount,
        }
        for e in expenses.order_by("spent_on", "id")
    ]
    total_budget = sum((r["budget"] or ZERO for r in rows), ZERO)
    total_spent = sum((e["converted"] for e in ledger_rows), ZERO)
    return {
        "currency": currency,
        "lines": rows,
        "partners": list(partners.values()),
        "expenses": ledger_rows,
        "total_budget": total_budget,
        "total_spent": total_spent,
        "total_variance": total_budget - total_spent,
        "missing_rates": missing_rates,
    }
