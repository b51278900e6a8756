"""Every figure of the indicators page, as `Table`s, in the page's order.

`indicator_tables(period=…, country=…, gender=…, user=…)` is the one entry
point: the page, its exports, the donors' statements, the annual report and
the action plan's targets read the same tables. `user` only decides which
cells link to a list (those the person may open); the figures are the same
for everyone allowed to see them. `gender` applies where people are counted
(the emergency fund); `country` everywhere a country is known.
"""

from ..periods import Period
from ..tables import Table
from . import emergency, fundraising, incidents, membership, proposals
from .common import Scope

SECTIONS = ("membership", "fundraising", "proposals", "emergency", "incidents")


def section_tables(scope: Scope) -> dict[str, list[Table]]:
    """{section: [Table, …]} in the page's order."""
    return {
        "membership": membership.tables(scope),
        "fundraising": fundraising.tables(scope),
        "proposals": proposals.tables(scope),
        "emergency": emergency.tables(scope),
        "incidents": incidents.tables(scope),
    }


def indicator_tables(*, period: Period, country: str | None = None, gender: str | None = None, user=None) -> list[Table]:
    """Every table of the indicators page, in order."""
    scope = Scope(period=period, country=country or "", gender=gender or "", user=user)
    return [table for tables in section_tables(scope).values() for table in tables]


def indicator_table(key: str, *, period: Period, country: str | None = None, gender: str | None = None, user=None) -> Table | None:
    """One table by its key (None when there is no such table)."""
    return next((t for t in indicator_tables(period=period, country=country, gender=gender, user=user) if t.key == key), None)


__all__ = ["SECTIONS", "Scope", "indicator_table", "indicator_tables", "section_tables"]
