"""The one shape every figure takes: a titled table of labelled rows.

The indicators page, its CSV/XLSX exports, the SVG charts, the donors'
statements and the annual report all read `Table`s, so a figure is counted
once and shown the same everywhere. Cells that count people at risk go
through `suppress()` before a `Table` is built: a suppressed cell holds
`Cell.hidden` and never the number, so no export can leak it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

# Fewer people than this in a cell where people at risk are counted: hidden.
SMALL_CELL = 3


@dataclass(frozen=True)
class Cell:
    """One figure: its value (int, Decimal, float for a share or a median in
    hours, None when there is nothing to compute), or hidden; `url` is the
    list it counts, filled only for a reader allowed to open that list."""

    value: int | Decimal | float | str | None
    hidden: bool = False
    url: str = ""

    def shown(self) -> str:
        if self.hidden:
            return f"<{SMALL_CELL}"
        if self.value is None:
            return "–"
        return str(self.value)


@dataclass(frozen=True)
class Table:
    """`key` is stable (URLs, export file names, chart ids); `title` and
    `description` are translated text; `columns` are the headers of the value
    columns (the first column is the row label, headed `label_header`);
    `rows` are (label, [Cell, …]) in column order. `chart` says how the table
    is best drawn: "bars", "series" (rows are periods, in order), "multiples"
    (one small chart per row) or "" for none."""

    key: str
    title: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]]
    description: str = ""
    label_header: str = ""
    chart: str = "bars"
    unit: str = ""
    notes: list[str] = field(default_factory=list)

    def has_hidden(self) -> bool:
        return any(cell.hidden for _label, cells in self.rows for cell in cells)


def suppress(counts: dict) -> dict:
    """{key: Cell}: counts of 1 to SMALL_CELL-1 are hidden; when exactly one
    cell of the group is hidden, the next smallest is hidden too, or the
    total would give it away. Zero is shown (it singles no one out)."""
    hidden = {key for key, count in counts.items() if 0 < count < SMALL_CELL}
    if len(hidden) == 1:
        others = sorted(
            ((count, index) for index, (key, count) in enumerate(counts.items()) if key not in hidden and count > 0)
        )
        if others:
            hidden.add(list(counts)[others[0][1]])
    return {key: Cell(value=count, hidden=key in hidden) for key, count in counts.items()}
