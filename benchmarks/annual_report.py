"""The annual report: what each step costs for a report of 30 tables.

    .venv/bin/python benchmarks/annual_report.py [tables]

On the shipped French template and `tables` tables (default 30) of 12 rows
and 4 columns, each with its bar chart, median of 3 runs of:
- the SVG charts (indicators.charts);
- the charts as PNG (CairoSVG, document.CHART_PIXELS wide);
- the render in the letters' helper process (render(), the real path);
- the PDF by LibreOffice (approvals.letters.pdf.to_pdf), once;
and the sizes of the .docx and the PDF.

No database is needed: the template is read from the shipped file.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from approvals.letters.defaults import DEFAULTS_DIR  # noqa: E402
from approvals.letters.kinds import LETTER_KINDS  # noqa: E402
from approvals.letters.pdf import to_pdf  # noqa: E402
from approvals.letters.rendering import render  # noqa: E402
from indicators.annual_report.document import CHART_PIXELS, chart_png, report_context  # noqa: E402
from indicators.charts import chart_for  # noqa: E402
from indicators.periods import Period  # noqa: E402
from indicators.tables import Cell, Table  # noqa: E402


def tables(count: int) -> list[Table]:
    return [
        Table(
            key=f"t{i}",
            title=f"Tableau {i}",
            columns=["Reçues", "Décidées", "Approuvées", "Refusées"],
            rows=[(f"Pays {r}", [Cell(r * (k + 1) + i, hidden=(r + k) % 7 == 0) for k in range(4)]) for r in range(12)],
        )
        for i in range(count)
    ]


def median_seconds(func, runs=3):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(count: int):
    figures = tables(count)
    content = (DEFAULTS_DIR / "annual_report.fr.docx").read_bytes()
    context = report_context(period=Period.year(2026), tables=figures, language="fr")
    svg_s, svgs = median_seconds(lambda: [str(chart_for(t)) for t in figures])
    png_s, pngs = median_seconds(lambda: [chart_png(t) for t in figures])
    images = {("tables", i, "chart"): png for i, png in enumerate(pngs)}
    budget = LETTER_KINDS["annual_report"].text_budget
    render_s, docx = median_seconds(lambda: render(content, context, images=images, max_text=budget))
    pdf_s, pdf = median_seconds(lambda: to_pdf(docx), runs=1)
    print(f"{count} tables, charts {CHART_PIXELS} px wide")
    print(f"SVG charts   {svg_s * 1000:8.0f} ms  ({sum(len(s) for s in svgs) / count / 1024:.1f} KB a chart)")
    print(f"PNG charts   {png_s * 1000:8.0f} ms  ({sum(len(p) for p in pngs) / count / 1024:.1f} KB a chart)")
    print(f"render       {render_s * 1000:8.0f} ms  (.docx {len(docx) / 1024:.0f} KB)")
    print(f"PDF          {pdf_s * 1000:8.0f} ms  (PDF {len(pdf) / 1024:.0f} KB)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
