"""The period a page, an export, a statement or a report covers.

A period is a half-open range of dates [start, end) read in the network's
time zone (settings.TIME_ZONE): an event belongs to it when its local date
is on or after `start` and before `end`. Built from a year, a quarter of a
year, or two dates (both included, as people say "from 1 to 31 March").
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # excluded

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(dt.date(year, 1, 1), dt.date(year + 1, 1, 1))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        if quarter not in (1, 2, 3, 4):
            raise ValueError(_("Le trimestre va de 1 à 4."))
        start = dt.date(year, 3 * quarter - 2, 1)
        end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
        return cls(start, end)

    @classmethod
    def between(cls, first: dt.date, last: dt.date) -> "Period":
        """From `first` to `last`, both included."""
        if last < first:
            raise ValueError(_("La fin de la période précède son début."))
        return cls(first, last + dt.timedelta(days=1))

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """Aware datetimes [start, end) at local midnight, to filter
        DateTimeFields: `field__gte=start, field__lt=end`."""
        zone = ZoneInfo(settings.TIME_ZONE)
        return (
            dt.datetime.combine(self.start, dt.time.min, tzinfo=zone),
            dt.datetime.combine(self.end, dt.time.min, tzinfo=zone),
        )

    def __str__(self):
        return f"{self.start:%d/%m/%Y} – {self.last_day:%d/%m/%Y}"
