from django import template

from approvals.formatting import format_money

register = template.Library()


@register.filter
def money(amount, currency=""):
    """{{ amount|money:currency }} → "50 000 XAF" in French, "50,000 XAF" in English."""
    return format_money(amount, currency)
