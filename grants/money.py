"""Money: a Decimal amount and a currency, never a float.

The currencies a network works in are configuration (settings.RELAIS_CURRENCIES).
Totals are made within one currency; a converted figure exists only where an
exchange rate was recorded, and it always shows that rate and its date.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

CENT = Decimal("0.01")


def currencies() -> list[str]:
    return [code.upper() for code in getattr(settings, "RELAIS_CURRENCIES", ["XAF", "CDF", "EUR", "USD"])]


def currency_choices():
    return [(code, code) for code in currencies()]


def validate_currency(value: str) -> None:
    if value and value not in currencies():
        raise ValidationError(
            _("Devise inconnue : %(code)s (devises acceptées : %(known)s).")
            % {"code": value, "known": ", ".join(currencies())},
            code="unknown_currency",
        )


_SPACES = re.compile(r"[\s\u00a0\u202f']")


def parse_amount(text) -> Decimal:
    """Read an amount as people type it: "50 000", "50 000,50", "50,000.50",
    "1.234.567", "75000". Raises ValueError with a readable message."""
    if isinstance(text, bool):
        raise ValueError(_("Montant illisible."))
    if isinstance(text, (int, float, Decimal)):
        # A spreadsheet cell: a float goes through its shortest repr, never binary noise.
        return _checked(Decimal(repr(text)) if isinstance(text, float) else Decimal(text), text)
    raw = _SPACES.sub("", str(text or ""))
    raw = re.sub(r"(?i)^(xaf|cdf|eur|usd|fcfa|€|\$)|(xaf|cdf|eur|usd|fcfa|€|\$)$", "", raw)
    if not raw:
        raise ValueError(_("Montant vide."))
    if "," in raw and "." in raw:
        decimal_mark = "," if raw.rfind(",") > raw.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        raw = raw.replace(thousands, "").replace(decimal_mark, ".")
    elif "," in raw:
        # "12,5" / "12,50" is a decimal comma; "12,500" or "1,250,000" groups thousands.
        raw = raw.replace(",", ".") if re.fullmatch(r"-?\d+,\d{1,2}", raw) else raw.replace(",", "")
    elif raw.count(".") > 1 or re.fullmatch(r"-?\d{1,3}(\.\d{3})+", raw):
        raw = raw.replace(".", "")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError(_("Montant illisible : « %(text)s ».") % {"text": str(text)[:40]}) from None
    return _checked(value, text)


MAX_AMOUNT = Decimal("1e14")  # the amount columns hold 16 digits, 2 after the point


def _checked(value: Decimal, text) -> Decimal:
    if not value.is_finite():
        raise ValueError(_("Montant illisible : « %(text)s ».") % {"text": str(text)[:40]})
    if value < 0:
        raise ValueError(_("Un montant ne peut pas être négatif."))
    if value >= MAX_AMOUNT:
        raise ValueError(_("Montant trop élevé."))
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def format_money(amount, currency: str = "") -> str:
    if amount is None or amount == "":
        return ""
    if not isinstance(amount, Decimal):
        try:
            amount = Decimal(str(amount))
        except InvalidOperation:
            return ""
    decimals = 0 if Decimal(amount) == Decimal(amount).to_integral_value() else 2
    text = number_format(Decimal(amount), decimal_pos=decimals, force_grouping=True)
    return f"{text} {currency}".strip()


@dataclass(frozen=True)
class Conversion:
    """A converted amount and the recorded rate that made it."""

    amount: Decimal
    currency: str
    rate: Decimal
    rate_date: date
    from_currency: str


def rate_for(from_currency: str, to_currency: str, *, on: date | None = None):
    """The most recent recorded rate from → to on or before `on` (or the inverse
    of to → from); None when no rate was recorded."""
    from .models import ExchangeRate

    if from_currency == to_currency:
        return None
    rates = ExchangeRate.objects.all()
    if on is not None:
        rates = rates.filter(valid_on__lte=on)
    direct = rates.filter(from_currency=from_currency, to_currency=to_currency).order_by("-valid_on").first()
    inverse = rates.filter(from_currency=to_currency, to_currency=from_currency).order_by("-valid_on").first()
    if inverse is not None and (direct is None or inverse.valid_on > direct.valid_on):
        return (Decimal(1) / inverse.rate, inverse.valid_on)
    if direct is not None:
        return (direct.rate, direct.valid_on)
    return None


def convert(amount: Decimal, from_currency: str, to_currency: str, *, on: date | None = None) -> Conversion | None:
    found = rate_for(from_currency, to_currency, on=on)
    if found is None:
        return None
    rate, rate_date = found
    return Conversion(
        amount=(amount * rate).quantize(CENT, rounding=ROUND_HALF_UP),
        currency=to_currency,
        rate=rate,
        rate_date=rate_date,
        from_currency=from_currency,
    )
