"""What every section of the indicators shares: the scope a figure is
computed for (period, country, gender, reader), medians, labels and the
links to the lists a figure counts."""

import statistics
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext as _

from approvals.models import TimelineEntry

from ..periods import Period
from ..tables import SMALL_CELL, Cell, suppress


@dataclass(frozen=True)
class Scope:
    period: Period
    country: str = ""
    gender: str = ""
    user: object = None

    @property
    def bounds(self):
        return self.period.bounds()

    def may(self, perm: str) -> bool:
        user = self.user
        return bool(user is not None and user.is_authenticated and user.has_perm(perm))


def countries() -> dict:
    return {code: str(name) for code, name in settings.RELAIS_COUNTRIES}


def link(name: str, **query) -> str:
    url = reverse(name)
    query = {key: value for key, value in query.items() if value not in ("", None)}
    return f"{url}?{urlencode(query)}" if query else url


def median_hours(durations: list[timedelta]) -> float | None:
    """The median of durations, in hours, rounded to a tenth."""
    if not durations:
        return None
    return round(statistics.median(d.total_seconds() for d in durations) / 3600, 1)


def median_days(durations: list[timedelta]) -> float | None:
    if not durations:
        return None
    return round(statistics.median(d.total_seconds() for d in durations) / 86400, 1)


def counted(counts: dict, *, sensitive: bool, urls: dict | None = None) -> dict:
    """{key: Cell}: suppressed where people at risk are counted; a hidden
    cell never links anywhere."""
    urls = urls or {}
    if sensitive:
        cells = suppress(counts)
    else:
        cells = {key: Cell(value=count) for key, count in counts.items()}
    return {
        key: cell if cell.hidden or not urls.get(key) else Cell(value=cell.value, url=urls[key])
        for key, cell in cells.items()
    }


def share(part: int, whole: int) -> float | None:
    """A percentage to a tenth, None when there is nothing to divide."""
    return round(100 * part / whole, 1) if whole else None


def suppression_note() -> str:
    return _("Moins de %(n)s personnes : « <%(n)s » (et la plus petite case voisine aussi), pour que personne ne puisse être reconnu.") % {"n": SMALL_CELL}


def reached(model, scope: Scope, states, ids):
    """Timeline entries of `model` dossiers (among `ids`) reaching one of
    `states` during the period: the steps a dossier took, when it took them."""
    start, end = scope.bounds
    return TimelineEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        created_at__gte=start,
        created_at__lt=end,
        to_state__in=states,
        object_id__in=ids,
    )
