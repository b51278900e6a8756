from django import template

from members.models import country_name

from ..money import format_money

register = template.Library()


@register.filter
def money(amount, currency=""):
    """{{ amount|money:currency }} → "50 000 EUR" (Decimal, grouped, no float)."""
    return format_money(amount, currency)


@register.filter
def country(code):
    return country_name(code)


@register.filter
def get_item(mapping, key):
    return mapping.get(key, []) if mapping else []


@register.filter
def rate(value):
    """An exchange rate: up to 6 decimals, no trailing zeros, localised."""
    from decimal import Decimal

    from django.utils.formats import number_format

    if value is None:
        return ""
    value = Decimal(value).quantize(Decimal("0.000001")).normalize()
    exponent = value.as_tuple().exponent
    return number_format(value, decimal_pos=max(0, -exponent))
