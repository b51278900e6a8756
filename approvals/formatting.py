"""Amounts as the reader's language writes them: "50 000 XAF" in French,
"50,000 XAF" in English; decimals only when there are cents."""

from decimal import Decimal, InvalidOperation

from django.utils.formats import number_format


def format_money(amount, currency: str = "") -> str:
    if amount is None or amount == "":
        return ""
    try:
        amount = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    except InvalidOperation:
        return ""
    decimals = 0 if amount == amount.to_integral_value() else 2
    text = number_format(amount, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return f"{text}\u00a0{currency}" if currency else text
