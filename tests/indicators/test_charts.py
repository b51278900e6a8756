"""The SVG charts parse as XML, say what they draw, and their bars match the
figures; suppressed cells get no bar; hostile labels stay text."""

from decimal import Decimal
from xml.etree import ElementTree

import pytest

from indicators.charts import bar_chart, chart_for, series_chart, small_multiples
from indicators.tables import Cell, Table

NS = {"svg": "http://www.w3.org/2000/svg"}
HOSTILE = '</text><script>alert("x")</script> & <b onload=\'x\'>'


def parse(svg) -> ElementTree.Element:
    root = ElementTree.fromstring(str(svg))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


def by_class(root, tag, cls):
    return [el for el in root.iter(f"{{http://www.w3.org/2000/svg}}{tag}") if el.get("class") == cls]


def check_accessible(root, table):
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert root.get("viewBox").startswith("0 0 ")
    title = root.find("svg:title", NS)
    desc = root.find("svg:desc", NS)
    assert title.text == table.title
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    assert desc.text
    # No script, no style, no external resource.
    for el in root.iter():
        assert not el.tag.endswith(("script", "style", "image", "foreignObject", "a"))
        assert "style" not in el.attrib
        assert not any(k.startswith("on") for k in el.attrib)
        assert not any("href" in k for k in el.attrib)
    return desc.text


def countries():
    return Table(
        key="requests-by-country",
        title="Demandes par pays",
        columns=["Demandes", "Accordées"],
        rows=[
            ("Bénin", [Cell(12), Cell(6)]),
            ("Togo", [Cell(1, hidden=True), Cell(0)]),
            ("Mali", [Cell(3), Cell(None)]),
            ("Niger", [Cell(Decimal("7.5")), Cell(4)]),
        ],
        label_header="Pays",
    )


def test_bar_lengths_are_proportional_and_the_largest_is_full_scale():
    table = countries()
    root = parse(bar_chart(table))
    desc = check_accessible(root, table)
    bars = by_class(root, "rect", "bar")
    widths = {bar.get("data-value"): float(bar.get("width")) for bar in bars}
    assert set(widths) == {"12", "3", "7.5"}  # hidden Togo: no bar
    full = widths["12"]
    assert full > 400  # the largest spans the scale
    assert widths["3"] == pytest.approx(full * 3 / 12, abs=0.1)
    assert widths["7.5"] == pytest.approx(full * 7.5 / 12, abs=0.1)
    # Bars are in row order, under their label.
    assert [b.get("data-value") for b in bars] == ["12", "3", "7.5"]
    values = [t.text for t in by_class(root, "text", "value")]
    assert values == ["12", "<3", "3", "7.5"]
    assert "Bénin : 12" in desc and "Togo : moins de 3" in desc
    # The suppressed number is nowhere in the drawing.
    assert 'data-value="1"' not in str(bar_chart(table))


def test_bar_chart_of_another_column_draws_zero_and_none_as_no_bar():
    table = countries()
    root = parse(bar_chart(table, column=1))
    bars = by_class(root, "rect", "bar")
    assert [b.get("data-value") for b in bars] == ["6", "4"]
    assert float(bars[1].get("width")) == pytest.approx(float(bars[0].get("width")) * 4 / 6, abs=0.1)
    assert [t.text for t in by_class(root, "text", "value")] == ["6", "0", "–", "4"]
    assert "aucune donnée" in root.find("svg:desc", NS).text


def test_hostile_labels_are_escaped_text():
    table = Table(
        key='bad"key<',
        title='Titre <script> & "quotes"',
        columns=[HOSTILE],
        rows=[(HOSTILE, [Cell(5)]), ("a\x00b\x1fc", [Cell(2)])],
        unit="<u>",
    )
    for svg in (bar_chart(table), series_chart(table), small_multiples(table)):
        root = parse(svg)
        check_accessible(root, table)
        texts = [el.text for el in root.iter("{http://www.w3.org/2000/svg}text")]
        assert any(t == HOSTILE for t in texts) or HOSTILE in root.find("svg:desc", NS).text
        assert "<script>" not in str(svg)
        assert 'bad"key' not in str(svg)
        assert "abc" in str(svg)


def test_series_points_follow_the_values_and_gaps_are_labelled():
    table = Table(
        key="per-quarter",
        title="Demandes par trimestre",
        columns=["Reçues", "Décidées"],
        rows=[
            ("T1", [Cell(10), Cell(4)]),
            ("T2", [Cell(20), Cell(2, hidden=True)]),
            ("T3", [Cell(5), Cell(8)]),
            ("T4", [Cell(None), Cell(6)]),
        ],
        chart="series",
    )
    root = parse(series_chart(table))
    check_accessible(root, table)
    points = by_class(root, "circle", "point")
    assert [p.get("data-value") for p in points] == ["10", "20", "5", "4", "8", "6"]
    ys = {p.get("data-value"): float(p.get("cy")) for p in points}
    base = ys["20"] + 220  # the largest is at the top of a 220-high plot
    for value in ("10", "5", "4", "8", "6"):
        assert base - ys[value] == pytest.approx(220 * int(value) / 20, abs=0.1)
    xs = sorted({float(p.get("cx")) for p in points})
    assert len(xs) == 4 and xs[1] - xs[0] == pytest.approx(xs[2] - xs[1])
    # A hidden or missing value breaks its line: 1 line of 3 points for the
    # first column, and 2 pieces (T1 alone is only a point, T3–T4) for the second.
    lines = by_class(root, "polyline", "series")
    assert [len(line.get("points").split()) for line in lines] == [3, 2]
    assert sorted(t.text for t in by_class(root, "text", "gap")) == ["<3", "–"]
    # Only some columns.
    root = parse(series_chart(table, columns=[1]))
    assert [p.get("data-value") for p in by_class(root, "circle", "point")] == ["4", "8", "6"]


def test_small_multiples_share_one_scale():
    table = countries()
    root = parse(small_multiples(table))
    desc = check_accessible(root, table)
    panels = by_class(root, "g", "panel")
    assert len(panels) == 4
    widths = {}
    for panel, (label, _cells) in zip(panels, table.rows):
        assert panel[0].text == label
        widths[label] = [(b.get("data-value"), float(b.get("width"))) for b in by_class(panel, "rect", "bar")]
    full = widths["Bénin"][0][1]
    assert widths["Bénin"][1][1] == pytest.approx(full / 2, abs=0.1)
    assert widths["Togo"] == []  # hidden and zero
    assert widths["Mali"] == [("3", pytest.approx(full / 4, abs=0.1))]
    assert widths["Niger"][1] == ("4", pytest.approx(full / 3, abs=0.1))
    assert "Togo : Demandes moins de 3" in desc


def test_chart_for_dispatches_and_charts_are_light():
    table = countries()
    assert chart_for(table) == bar_chart(table)
    assert chart_for(Table(**{**table.__dict__, "chart": "multiples"})) == small_multiples(table)
    assert chart_for(Table(**{**table.__dict__, "chart": "series"})) == series_chart(table)
    assert chart_for(Table(**{**table.__dict__, "chart": ""})) == ""
    assert bar_chart(Table(key="e", title="Vide", columns=["n"], rows=[])) == ""
    # Ids differ between charts of one page.
    assert 'id="chart-requests-by-country-bars-0-title"' in bar_chart(table)
    assert 'id="chart-requests-by-country-bars-1-title"' in bar_chart(table, column=1)
    many = Table(key="k", title="t", columns=["n"], rows=[(f"Pays {i}", [Cell(i)]) for i in range(30)])
    assert len(str(bar_chart(many)).encode()) < 8000
