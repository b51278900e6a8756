"""The figures the report is made of: the indicators page's tables."""

from indicators.figures import indicator_tables
from indicators.tables import Table


def report_tables(*, period, user) -> list[Table]:
    """Every table of the indicators page for `period`, as `user` may see
    them (call under the report's language: titles come out in it)."""
    return indicator_tables(period=period, user=user)
