"""The indicators page and its exports: thin views over
`indicators.figures.indicator_tables`."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .access import require_indicators
from .annual_report.access import may_make_annual_report
from .charts import chart_for
from .exports import table_csv, tables_xlsx
from .figures import Scope, section_tables
from .forms import IndicatorFilterForm
from .tables import SMALL_CELL

SECTION_TITLES = {
    "membership": gettext_lazy("Adhésion et membres"),
    "fundraising": gettext_lazy("Recherche de financement"),
    "proposals": gettext_lazy("Projets communs"),
    "emergency": gettext_lazy("Fonds d'urgence"),
    "incidents": gettext_lazy("Incidents de sécurité"),
}


def _scope(request) -> tuple[IndicatorFilterForm, Scope]:
    form = IndicatorFilterForm(request.GET or None)
    return form, Scope(period=form.period(), user=request.user, **form.filters())


def _no_store(response):
    response["Cache-Control"] = "no-store, private, max-age=0"
    return response


def _charts(tables) -> dict:
    """{table key: SVG} for the tables that ask for a chart."""
    return {table.key: chart_for(table) for table in tables if table.chart}


@never_cache
@require_safe
@login_required
def index(request):
    require_indicators(request.user)
    form, scope = _scope(request)
    sections = section_tables(scope)
    tables = [table for found in sections.values() for table in found]
    charts = _charts(tables)
    context = {
        "form": form,
        "period": scope.period,
        "query": form.query(),
        "small_cell": SMALL_CELL,
        "annual_report": may_make_annual_report(request.user),
        "sections": [
            (key, SECTION_TITLES[key], [(table, charts.get(table.key, "")) for table in found]) for key, found in sections.items()
        ],
    }
    return _no_store(render(request, "indicators/index.html", context, status=400 if form.errors else 200))


def _filename(scope: Scope, stem: str, fmt: str) -> str:
    period = scope.period
    parts = ["indicateurs", stem, f"{period.start:%Y%m%d}-{period.last_day:%Y%m%d}"]
    parts += [value for value in (scope.country, scope.gender) if value]
    return "-".join(parts) + f".{fmt}"


@never_cache
@require_safe
@login_required
def export_table(request, key, fmt):
    require_indicators(request.user)
    if fmt not in ("csv", "xlsx"):
        raise Http404(_("Format inconnu."))
    _form, scope = _scope(request)
    tables = [table for found in section_tables(scope).values() for table in found]
    table = next((table for table in tables if table.key == key), None)
    if table is None:
        raise Http404(_("Ce tableau n'existe pas."))
    if fmt == "csv":
        return _no_store(table_csv(table, _filename(scope, key, "csv")))
    return _no_store(tables_xlsx([table], _filename(scope, key, "xlsx"), str(scope.period)))


@never_cache
@require_safe
@login_required
def export_all(request):
    require_indicators(request.user)
    _form, scope = _scope(request)
    tables = [table for found in section_tables(scope).values() for table in found]
    return _no_store(tables_xlsx(tables, _filename(scope, "tout", "xlsx"), str(scope.period)))
