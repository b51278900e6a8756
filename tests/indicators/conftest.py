import pytest

from indicators.figures import indicator_tables
from indicators.periods import Period

from .dataset import build


@pytest.fixture
def scripted(db):
    build()


def values(table) -> dict:
    """{row label: [shown value, …]}: "<3" for a hidden cell."""
    return {label: [cell.shown() if cell.hidden else cell.value for cell in cells] for label, cells in table.rows}


@pytest.fixture
def tables_for():
    def compute(period=None, **filters):
        found = indicator_tables(period=period or Period.year(2025), **filters)
        return {table.key: table for table in found}

    return compute
