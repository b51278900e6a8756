"""The registry of computed sources: named functions `source(period) -> number`
reading Relais' data.

An app adds its own in its AppConfig.ready():

    from indicators.plan.sources import register_source

    @register_source("general_assemblies", _("Assemblées générales tenues"), unit=_("assemblées"))
    def general_assemblies(period):
        return Meeting.objects.filter(kind="general_assembly", date__gte=period.start, date__lt=period.end).count()

A source returns a number (int or Decimal), or None when there is nothing to
compute (no case decided in the period, or too few to show: a share over
fewer than SMALL_CELL people at risk is not shown).
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from ..periods import Period


@dataclass(frozen=True)
class Source:
    code: str
    label: str
    unit: str
    compute: Callable[[Period], int | Decimal | None]


SOURCES: dict[str, Source] = {}


def register_source(code: str, label, *, unit="") -> Callable:
    """Decorator: register `function(period)` under `code` (a later
    registration of the same code replaces the earlier one)."""

    def decorate(function):
        SOURCES[code] = Source(code=code, label=label, unit=unit, compute=function)
        return function

    return decorate


def source_choices() -> list[tuple[str, str]]:
    return sorted(((code, str(source.label)) for code, source in SOURCES.items()), key=lambda pair: pair[1])


def source_value(code: str, period: Period) -> Decimal | None:
    """The source's value over `period`, as a Decimal; None when it has none
    (or when `code` is not registered: an app that registered it is gone)."""
    source = SOURCES.get(code)
    if source is None:
        return None
    value = source.compute(period)
    return None if value is None else Decimal(value)
