"""Reads of the action plan: each indicator's value per period against its
target, and its history. Also as `indicators.tables.Table`s (one per axis),
for exports and the annual report."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Axis, Indicator, IndicatorValue
from ..periods import Period
from ..tables import Cell, Table
from .services import periods_of
from .sources import SOURCES, source_value


@dataclass(frozen=True)
class Progress:
    indicator: Indicator
    period: Period
    value: Decimal | None
    entry: IndicatorValue | None = None  # the value that counts, when entered

    @property
    def percent(self) -> int | None:
        """How far towards the target (may pass 100); None without a value."""
        if self.value is None:
            return None
        if not self.indicator.target:
            return 100
        return int(self.value * 100 / self.indicator.target)

    @property
    def reached(self) -> bool:
        return self.value is not None and self.value >= self.indicator.target

    @property
    def bar(self) -> int:
        return min(self.percent or 0, 100)

    @property
    def label(self) -> str:
        if self.indicator.frequency == Indicator.Frequency.QUARTER:
            return f"T{(self.period.start.month - 1) // 3 + 1} {self.period.start.year}"
        return str(self.period.start.year)


def _latest_entries(indicators, year: int) -> dict:
    """{(indicator_id, period_start): the latest IndicatorValue}, one query."""
    latest = {}
    entries = (
        IndicatorValue.objects.filter(indicator__in=indicators, period_start__year=year)
        .select_related("entered_by")
        .order_by("-entered_at", "-pk")
    )
    for entry in entries:
        latest.setdefault((entry.indicator_id, entry.period_start), entry)
    return latest


def indicator_progress(indicator: Indicator, year: int, latest: dict | None = None) -> list[Progress]:
    if latest is None:
        latest = _latest_entries([indicator], year)
    rows = []
    for period in periods_of(indicator, year):
        if indicator.is_computed:
            rows.append(Progress(indicator, period, source_value(indicator.source, period)))
        else:
            entry = latest.get((indicator.pk, period.start))
            rows.append(Progress(indicator, period, entry.value if entry else None, entry))
    return rows


def plan_progress(year: int) -> list[tuple[Axis, list[tuple[Indicator, list[Progress]]]]]:
    """Per axis, each followed indicator and its periods of `year`."""
    indicators = list(Indicator.objects.filter(is_active=True).select_related("axis"))
    latest = _latest_entries(indicators, year)
    axes: dict = {}
    for indicator in indicators:
        axes.setdefault(indicator.axis, []).append((indicator, indicator_progress(indicator, year, latest)))
    return list(axes.items())


def source_label(indicator: Indicator) -> str:
    source = SOURCES.get(indicator.source)
    return str(source.label) if source else indicator.source


def indicator_history(indicator: Indicator, *, years: int = 3, today=None) -> list:
    """Entered: every value ever entered, latest first (who, when, evidence).
    Computed: the value of each period of the last `years` years."""
    if not indicator.is_computed:
        return list(indicator.values.select_related("entered_by").order_by("-period_start", "-entered_at", "-pk"))
    this_year = (today or timezone.localdate()).year
    history = []
    for year in range(this_year, this_year - years, -1):
        history.extend(reversed(indicator_progress(indicator, year)))
    return history


def plan_tables(year: int) -> list[Table]:
    """One table per axis: target, value and progress of each indicator."""
    tables = []
    for axis, rows in plan_progress(year):
        lines = []
        for indicator, progress in rows:
            for item in progress:
                label = indicator.title if len(progress) == 1 else f"{indicator.title} ({item.label})"
                lines.append((label, [Cell(indicator.target), Cell(item.value), Cell(item.percent)]))
        tables.append(
            Table(
                key=f"plan-{axis.code}",
                title=axis.title,
                description=_("Cibles du plan d'action et valeurs atteintes en %(year)s.") % {"year": year},
                label_header=_("Indicateur"),
                columns=[_("Cible"), _("Valeur"), _("Avancement (%)")],
                rows=lines,
                chart="bars",
            )
        )
    return tables
