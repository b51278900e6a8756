"""Several forms on one page: each gets ids of its own, so that every label
points at its own field."""

import copy

from django import template

register = template.Library()


@register.filter
def form_ids(form, key):
    """{% include "forms/_form.html" with form=f ids="refuse-3" %}: the same
    form, its fields' ids starting with "id_refuse-3-" (names unchanged, so
    what is posted is the same)."""
    if not key or form is None or not form.auto_id:
        return form
    twin = copy.copy(form)
    twin.auto_id = f"id_{key}-%s"
    twin._bound_fields_cache = {}
    return twin
