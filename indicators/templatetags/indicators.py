from decimal import Decimal

from django import template
from django.utils.formats import number_format

from grants.money import format_money

register = template.Library()


@register.filter
def figure(cell) -> str:
    """A cell as the page shows it: "<3" when hidden, "–" when empty,
    numbers grouped in the reader's language."""
    if cell.hidden or cell.value is None:
        return cell.shown()
    value = cell.value
    if isinstance(value, bool) or isinstance(value, str):
        return str(value)
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, float):
        return number_format(value, decimal_pos=1, force_grouping=True)
    return number_format(value, force_grouping=True)
