"""limit/offset over dossiers of several kinds, newest first: each kind gives
at most offset+limit rows, merged in order; counts are one query per kind."""

import heapq

from drf_spectacular.utils import OpenApiParameter
from django.utils.translation import gettext as _
from rest_framework.response import Response

from approvals.refusals import Refused

MAX_LIMIT = 200


def paginated():
    return [
        OpenApiParameter("limit", int, description=f"1 to {MAX_LIMIT} (50 by default)"),
        OpenApiParameter("offset", int, description="0 to 100000"),
    ]


def _int(request, name, default, *, low, high):
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise Refused(_("%(name)s : un nombre entier est attendu.") % {"name": name}, status=400) from None
    if not low <= value <= high:
        raise Refused(_("%(name)s : entre %(low)d et %(high)d.") % {"name": name, "low": low, "high": high}, status=400)
    return value


def paginate(request, querysets, *, key, row):
    limit = _int(request, "limit", 50, low=1, high=MAX_LIMIT)
    offset = _int(request, "offset", 0, low=0, high=100_000)
    streams = [list(qs[: offset + limit]) for qs in querysets]
    merged = heapq.merge(*streams, key=key, reverse=True)
    page = [row(item) for index, item in enumerate(merged) if offset <= index < offset + limit]
    response = Response(page)
    response["X-Total-Count"] = str(sum(qs.count() for qs in querysets))
    return response
