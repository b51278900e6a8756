"""The annual report as a .docx (and its PDF) from a period's Tables.

The template is a letter template of the kind "annual_report" (shipped in
approvals/letters/defaults, replaced by an upload in the letter templates'
admin, checked there like a letter's), rendered in the letters' sandbox:
a child process under a time and memory limit, autoescaping, StrictUndefined,
the letters' budgets with the report's larger text budget.

What reaches the template is plain data: each Table's shown values
(`Cell.shown()`: "<3" for a suppressed cell, never its number) and its chart
as a picture. The chart is the page's SVG (indicators.charts) turned into
a PNG by CairoSVG (Cairo, no browser), so the report draws what the page draws.
"""

from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from approvals.letters.kinds import LETTER_KINDS
from approvals.letters.pdf import PdfConversionFailed, to_pdf
from approvals.letters.rendering import RenderFailed, letter_date_format, render
from approvals.letters.services.common import LetterError, current_template
from indicators.charts import chart_for
from indicators.periods import Period
from indicators.tables import SMALL_CELL, Table

KIND = "annual_report"
# Pixels across a chart's picture (drawn 160 mm wide: about 140 dpi; a PNG of
# 1200 px takes twice as long to write, 0.3 s a chart here).
CHART_PIXELS = 900


class ReportFailed(Exception):
    """The report could not be made; the message is for the person who asked."""


def report_title(period: Period) -> str:
    if period == Period.year(period.start.year):
        return _("Rapport annuel %(year)s") % {"year": period.start.year}
    fmt = letter_date_format()
    return _("Rapport d'activité du %(start)s au %(end)s") % {
        "start": date_format(period.start, fmt),
        "end": date_format(period.last_day, fmt),
    }


def _network() -> dict:
    network = getattr(settings, "RELAIS_NETWORK", {})
    keys = ("name", "long_name", "address", "email", "signatory", "signatory_title")
    return {**{key: str(network.get(key, "")) for key in keys}, "logo": ""}


def _logo_path() -> str:
    path = getattr(settings, "RELAIS_NETWORK_LOGO", "")
    return str(path) if path and Path(path).is_file() else ""


def table_data(table: Table) -> dict:
    """A Table as the template reads it: text only, suppressed cells as "<3"."""
    return {
        "key": table.key,
        "title": str(table.title),
        "description": str(table.description),
        "label_header": str(table.label_header),
        "columns": [str(column) for column in table.columns],
        "rows": [{"label": str(label), "cells": [cell.shown() for cell in cells]} for label, cells in table.rows],
        "notes": [str(note) for note in table.notes],
        "unit": str(table.unit),
        "chart": "",
    }


def default_facts(tables: list[Table]) -> list[dict]:
    hidden = sum(1 for table in tables for _label, cells in table.rows for cell in cells if cell.hidden)
    return [
        {"label": _("Tableaux de chiffres"), "value": str(len(tables))},
        {"label": _("Cellules masquées pour protéger les personnes"), "value": str(hidden)},
    ]


def report_context(*, period: Period, tables: list[Table], language: str, facts: list[dict] | None = None) -> dict:
    """The template's variables (call under the report's language)."""
    fmt = letter_date_format()
    return {
        "network": _network(),
        "today": date_format(timezone.localdate(), fmt),
        "language": language,
        "report_title": report_title(period),
        "year": str(period.start.year),
        "period": str(period),
        "period_start": date_format(period.start, fmt),
        "period_end": date_format(period.last_day, fmt),
        "facts": [{"label": str(f["label"]), "value": str(f["value"])} for f in (default_facts(tables) if facts is None else facts)],
        "tables": [table_data(table) for table in tables],
        "small_cell": str(SMALL_CELL),
    }


def chart_png(table: Table) -> bytes | None:
    """The table's chart as a PNG, or None when it has none."""
    svg = str(chart_for(table))
    if not svg:
        return None
    # Imported here: CairoSVG loads libcairo when imported, and only the report needs it
    # (the site starts on a machine without it; a report then fails with its reason).
    try:
        import cairosvg
    except OSError:  # libcairo2 missing
        raise ReportFailed(_("Les graphiques ne peuvent pas être dessinés : la bibliothèque cairo (libcairo2) manque sur le serveur.")) from None
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=CHART_PIXELS, unsafe=False)


def annual_report_docx(
    *, period: Period, tables: list[Table], language: str, charts: bool = True, facts: list[dict] | None = None
) -> bytes:
    """The report for `period` in `language` from `tables` (each with its
    chart unless `charts` is False), from the newest "annual_report" template
    of that language. ReportFailed with the reason when it cannot be made."""
    with translation.override(language):
        try:
            template = current_template(KIND, language)
        except LetterError as exc:
            raise ReportFailed(str(exc)) from None
        context = report_context(period=period, tables=tables, language=language, facts=facts)
        images = {}
        if charts:
            for index, table in enumerate(tables):
                picture = chart_png(table)
                if picture:
                    images[("tables", index, "chart")] = picture
        try:
            return render(
                bytes(template.content),
                context,
                logo_path=_logo_path(),
                images=images,
                max_text=LETTER_KINDS[KIND].text_budget,
            )
        except RenderFailed as exc:
            raise ReportFailed(
                _("Le modèle du rapport annuel (%(language)s, version %(version)s) n'a pas pu être utilisé : %(error)s")
                % {"language": language, "version": template.version, "error": exc}
            ) from None


def annual_report_pdf(docx: bytes) -> bytes:
    """The report's PDF, by the letters' LibreOffice conversion."""
    try:
        return to_pdf(docx)
    except PdfConversionFailed as exc:
        raise ReportFailed(_("La conversion en PDF a échoué : %(error)s") % {"error": exc}) from None
