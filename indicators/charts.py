"""Charts of a `Table`, drawn on the server as small standalone SVG.

Our own module rather than a library: pygal (the one maintained pure-Python
SVG writer) puts a <style> element and inline styles in every chart, which
the site's Content-Security-Policy (style-src 'self') refuses, and loads a
script from a CDN by default. Here every colour, size and font is a
presentation attribute, there is no script and no external resource, every
text is escaped, and a chart weighs a few KB.

Each chart is `role="img"` with a <title> (the table's title) and a <desc>
(what is drawn and every value in words), referenced by aria-labelledby and
aria-describedby; the table itself is shown beside the chart on the page.
The viewBox scales the drawing to its container (width 100%), down to a
360 px phone. A hidden (suppressed) cell is drawn as no bar with its "<3"
label; a cell with no value as no bar and "–".
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from markupsafe import Markup, escape

from indicators.tables import Cell, Table

WIDTH = 600
FONT = 'font-family="sans-serif"'
INK = "#1a202c"
GRID = "#a0aec0"
# Dark enough for text beside them (contrast > 4.5:1 on white); series
# are also told apart by their dash pattern, not by colour alone.
PALETTE = ("#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b83280", "#2c7a7b")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NOT_ID = re.compile(r"[^A-Za-z0-9_-]+")


def _text(value) -> Markup:
    """Escaped text (attribute-safe: quotes too), without the control
    characters XML refuses."""
    return escape(_NOT_XML.sub("", str(value)))


def _number(cell: Cell) -> float | None:
    """The value to draw, or None: hidden, missing or not a number."""
    if cell.hidden or cell.value is None or isinstance(cell.value, bool):
        return None
    if isinstance(cell.value, str):
        try:
            return float(Decimal(cell.value))
        except InvalidOperation:
            return None
    return float(cell.value)


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _label(cell: Cell, unit: str) -> str:
    """The value written beside a bar."""
    shown = cell.shown()
    if unit and not cell.hidden and cell.value is not None:
        return f"{shown} {unit}"
    return shown


def _spoken(cell: Cell, unit: str) -> str:
    """The value in words for the description."""
    if cell.hidden:
        return _("moins de %(n)s (masqué)") % {"n": cell.shown()[1:]}
    if cell.value is None:
        return _("aucune donnée")
    return _label(cell, unit)


def _scale(values) -> float:
    numbers = [v for v in values if v is not None and v > 0]
    return max(numbers) if numbers else 0.0


def _ident(table: Table, suffix: str) -> str:
    return "chart-" + (_NOT_ID.sub("-", table.key) or "table") + suffix


def _column_name(table: Table, column: int) -> str:
    return table.columns[column] if column < len(table.columns) else ""


def _svg(ident: str, height: float, title: str, desc: str, body: list[str]) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_fmt(height)}" width="100%" '
        f'role="img" aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" class="chart" {FONT}>'
        f'<title id="{ident}-title">{_text(title)}</title>'
        f'<desc id="{ident}-desc">{_text(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _bars(rows, unit: str, top: float, left: float, width: float, scale: float, color: str) -> tuple[list[str], float]:
    """Horizontal bars, one per (label, cell): the label on a line, the bar
    under it with its value at its end. Returns the elements and the y
    below the last bar."""
    parts = []
    y = top
    value_room = 70
    full = width - value_room
    for label, cell in rows:
        parts.append(f'<text x="{_fmt(left)}" y="{_fmt(y + 13)}" font-size="13" fill="{INK}">{_text(label)}</text>')
        number = _number(cell)
        length = full * number / scale if number is not None and number > 0 and scale else 0.0
        bar_y = y + 18
        if length:
            parts.append(
                f'<rect class="bar" x="{_fmt(left)}" y="{_fmt(bar_y)}" width="{_fmt(length)}" height="14" '
                f'fill="{color}" data-value="{_text(cell.value)}"/>'
            )
        parts.append(
            f'<text class="value" x="{_fmt(left + length + 4)}" y="{_fmt(bar_y + 12)}" font-size="12" '
            f'fill="{INK}">{_text(_label(cell, unit))}</text>'
        )
        y += 40
    return parts, y


def bar_chart(table: Table, column: int = 0) -> Markup:
    """One horizontal bar per row, for the value column `column`; the
    longest bar is the largest value, the others in proportion."""
    rows = [(label, cells[column] if column < len(cells) else Cell(None)) for label, cells in table.rows]
    if not rows:
        return Markup("")
    scale = _scale(_number(cell) for _name, cell in rows)
    parts, bottom = _bars(rows, table.unit, 8, 8, WIDTH - 16, scale, PALETTE[0])
    name = _column_name(table, column)
    said = "; ".join(f"{label} : {_spoken(cell, table.unit)}" for label, cell in rows)
    desc = _("Barres horizontales, %(what)s par ligne. %(values)s.") % {"what": name or table.title, "values": said}
    return _svg(_ident(table, f"-bars-{column}"), bottom, table.title, desc, parts)


def series_chart(table: Table, columns: list[int] | None = None) -> Markup:
    """Rows are periods in order; one line per value column (or those in
    `columns`), with a point per period. A hidden or missing value breaks
    the line and is written "<3" or "–" at the foot of its period."""
    if not table.rows:
        return Markup("")
    width = max((len(cells) for _name, cells in table.rows), default=0)
    chosen = [c for c in (range(width) if columns is None else columns) if c < width]
    if not chosen:
        return Markup("")
    periods = [label for label, _cells in table.rows]
    slanted = len(periods) > 6
    # A slanted label (11 px, about 6.2 px a character, at 40°) reaches down
    # and to the left of its point: room for the longest, and for the first.
    reach = min(max(len(str(label)) for label in periods) * 6.2, 160.0)
    left, right, top, plot_h = 56.0, 40.0, 12.0, 220.0
    if slanted:
        left = max(left, min(len(str(periods[0])) * 6.2, 160.0) * 0.77 + 4)
    base = top + plot_h
    step = (WIDTH - left - right) / max(len(periods) - 1, 1)
    xs = [left + (step * i if len(periods) > 1 else (WIDTH - left - right) / 2) for i in range(len(periods))]
    scale = _scale(_number(cells[c]) for _name, cells in table.rows for c in chosen if c < len(cells))

    parts = [
        f'<line x1="{_fmt(left)}" y1="{_fmt(base)}" x2="{_fmt(WIDTH - right)}" y2="{_fmt(base)}" stroke="{GRID}"/>',
        f'<line x1="{_fmt(left)}" y1="{_fmt(top)}" x2="{_fmt(WIDTH - right)}" y2="{_fmt(top)}" stroke="{GRID}" '
        'stroke-dasharray="2 3"/>',
        f'<text x="{_fmt(left - 6)}" y="{_fmt(base + 4)}" font-size="12" text-anchor="end" fill="{INK}">0</text>',
        f'<text x="{_fmt(left - 6)}" y="{_fmt(top + 4)}" font-size="12" text-anchor="end" fill="{INK}">'
        f"{_text(_fmt(scale))}</text>",
    ]
    last = len(periods) - 1
    for i, (x, label) in enumerate(zip(xs, periods)):
        # The first and last labels run inward, so a long one stays in the frame.
        anchor = "middle" if not last or 0 < i < last else ("start" if i == 0 else "end")
        if slanted:
            parts.append(
                f'<text x="{_fmt(x)}" y="{_fmt(base + 16)}" font-size="11" text-anchor="end" fill="{INK}" '
                f'transform="rotate(-40 {_fmt(x)} {_fmt(base + 16)})">{_text(label)}</text>'
            )
        else:
            parts.append(
                f'<text x="{_fmt(x)}" y="{_fmt(base + 18)}" font-size="12" text-anchor="{anchor}" fill="{INK}">'
                f"{_text(label)}</text>"
            )
    said = []
    for n, c in enumerate(chosen):
        color, dash = PALETTE[n % len(PALETTE)], DASHES[n % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        runs, run, points = [], [], []
        for x, (label, cells) in zip(xs, table.rows):
            cell = cells[c] if c < len(cells) else Cell(None)
            number = _number(cell)
            if number is None:
                if run:
                    runs.append(run)
                run = []
                parts.append(
                    f'<text class="gap" x="{_fmt(x)}" y="{_fmt(base - 4 - 13 * n)}" font-size="11" '
                    f'text-anchor="middle" fill="{color}">{_text(cell.shown())}</text>'
                )
            else:
                y = base - (plot_h * max(number, 0) / scale if scale else 0)
                run.append((x, y))
                points.append(
                    f'<circle class="point" cx="{_fmt(x)}" cy="{_fmt(y)}" r="3" fill="{color}" '
                    f'data-value="{_text(cell.value)}"/>'
                )
        if run:
            runs.append(run)
        for run in runs:
            if len(run) > 1:
                coords = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in run)
                parts.append(
                    f'<polyline class="series" points="{coords}" fill="none" stroke="{color}" stroke-width="2"'
                    f"{dash_attr}/>"
                )
        parts.extend(points)
        name = _column_name(table, c)
        said.append(
            f"{name} : " + ", ".join(f"{label} {_spoken(cells[c] if c < len(cells) else Cell(None), table.unit)}"
                                     for label, cells in table.rows)
        )
    legend_y = base + (reach * 0.64 + 36 if slanted else 40)
    for n, c in enumerate(chosen):
        color, dash = PALETTE[n % len(PALETTE)], DASHES[n % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        y = legend_y + 20 * n
        parts.append(
            f'<line x1="{_fmt(left)}" y1="{_fmt(y - 4)}" x2="{_fmt(left + 28)}" y2="{_fmt(y - 4)}" stroke="{color}" '
            f'stroke-width="2"{dash_attr}/>'
            f'<text x="{_fmt(left + 36)}" y="{_fmt(y)}" font-size="12" fill="{INK}">{_text(_column_name(table, c))}</text>'
        )
    height = legend_y + 20 * len(chosen)
    desc = _("Courbes, une par colonne, une période par point. %(values)s.") % {"values": "; ".join(said)}
    return _svg(_ident(table, "-series"), height, table.title, desc, parts)


def small_multiples(table: Table) -> Markup:
    """One small bar chart per row (e.g. per country), two to a line, all
    on the same scale so the panels compare."""
    if not table.rows:
        return Markup("")
    scale = _scale(_number(cell) for _name, cells in table.rows for cell in cells)
    per_line, gap = 2, 16
    panel_w = (WIDTH - gap * (per_line + 1)) / per_line
    parts, said, y, line_bottom = [], [], 8.0, 8.0
    for n, (label, cells) in enumerate(table.rows):
        column = n % per_line
        if column == 0:
            y = line_bottom
        x = gap + column * (panel_w + gap)
        bars = [(_column_name(table, i), cell) for i, cell in enumerate(cells)]
        parts.append(
            f'<g class="panel"><text x="{_fmt(x)}" y="{_fmt(y + 14)}" font-size="14" font-weight="bold" fill="{INK}">'
            f"{_text(label)}</text>"
        )
        inner, bottom = _bars(bars, table.unit, y + 22, x, panel_w, scale, PALETTE[0])
        parts.extend(inner)
        parts.append("</g>")
        line_bottom = max(line_bottom, bottom + 12)
        said.append(f"{label} : " + ", ".join(f"{name} {_spoken(cell, table.unit)}" for name, cell in bars))
    desc = _("Un petit graphique en barres par ligne, à la même échelle. %(values)s.") % {"values": "; ".join(said)}
    return _svg(_ident(table, "-multiples"), line_bottom, table.title, desc, parts)


def chart_for(table: Table) -> Markup:
    """The chart the table asks for (`Table.chart`), or nothing."""
    if table.chart == "bars":
        return bar_chart(table)
    if table.chart == "series":
        return series_chart(table)
    if table.chart == "multiples":
        return small_multiples(table)
    return Markup("")
