"""Aggregated figures, the anonymised export and the access log."""

import csv

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from indicators.access import may_view_indicators

from .. import selectors
from ..figures import EXPORT_COLUMNS, SMALL_CELL, case_figures, export_rows
from ..models import CaseAccessLog
from .common import access_log_record, no_store


@never_cache
@login_required
@permission_required("casework.view_case_statistics", raise_exception=True)
def figures(request):
    context = {"figures": case_figures(), "small_cell": SMALL_CELL, "indicators": may_view_indicators(request.user)}
    return no_store(render(request, "casework/figures.html", context))


@never_cache
@login_required
@permission_required("casework.view_case_statistics", raise_exception=True)
def export_csv(request):
    rows = export_rows()
    access_log_record(user=request.user, case=None, part=CaseAccessLog.Part.EXPORT, request=request, detail=f"{len(rows)} rows")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="urgence-anonymise-{timezone.localdate():%Y%m%d}.csv"'
    writer = csv.DictWriter(response, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return no_store(response)


@never_cache
@login_required
@permission_required("casework.read_access_log", raise_exception=True)
def access_log(request):
    reference = (request.GET.get("cas") or "").strip().upper()[:32]
    page = Paginator(selectors.access_log(reference=reference), 100).get_page(request.GET.get("page"))
    return no_store(render(request, "casework/access_log.html", {"page": page, "reference": reference}))
