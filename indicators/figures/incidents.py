"""Security incidents per country, type and month: people at risk are
counted, so every count goes through `suppress()`."""

from collections import Counter
from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from casework.models import Incident

from ..tables import Table
from .common import Scope, countries, counted, link, suppression_note


def _months(start: date, end: date) -> list[date]:
    months, current = [], date(start.year, start.month, 1)
    while current < end:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def tables(scope: Scope) -> list[Table]:
    period = scope.period
    queryset = Incident.objects.filter(occurred_on__gte=period.start, occurred_on__lt=period.end).exclude(
        verification=Incident.Verification.UNFOUNDED
    )
    if scope.country:
        queryset = queryset.filter(country=scope.country)
    rows = queryset.annotate(month=TruncMonth("occurred_on")).values_list("country", "kind", "month").annotate(n=Count("pk")).order_by()
    per_country, per_kind, per_month = Counter(), Counter(), Counter()
    for country, kind, month, n in rows:
        per_country[country] += n
        per_kind[kind] += n
        per_month[date(month.year, month.month, 1)] += n
    names = countries()
    url = link("casework:incidents") if scope.may("casework.view_incident") else ""
    shown_countries = [scope.country] if scope.country else list(names)
    months = _months(period.start, period.end)
    description = _("Incidents survenus pendant la période (hors incidents jugés non fondés).") + " " + suppression_note()
    country_cells = counted({code: per_country.get(code, 0) for code in shown_countries}, sensitive=True, urls=dict.fromkeys(shown_countries, url))
    kind_cells = counted({code: per_kind.get(code, 0) for code, _l in Incident.Kind.choices}, sensitive=True, urls=dict.fromkeys(Incident.Kind.values, url))
    month_cells = counted({month: per_month.get(month, 0) for month in months}, sensitive=True)
    return [
        Table(
            key="incidents-country", title=_("Incidents par pays"), description=description, label_header=_("Pays"),
            columns=[_("Incidents")], rows=[(names.get(code, code), [country_cells[code]]) for code in shown_countries],
        ),
        Table(
            key="incidents-type", title=_("Incidents par type"), description=description, label_header=_("Type"),
            columns=[_("Incidents")], rows=[(str(label), [kind_cells[code]]) for code, label in Incident.Kind.choices],
        ),
        Table(
            key="incidents-month", title=_("Incidents par mois"), description=description, label_header=_("Mois"),
            columns=[_("Incidents")], rows=[(f"{month:%m/%Y}", [month_cells[month]]) for month in months],
            chart="series",
        ),
    ]
