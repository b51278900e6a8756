"""/indicateurs/rapport-annuel/: the COPIL's chair or the secretariat chooses
a year and a language and downloads the report (.docx or PDF)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache

from indicators.periods import Period

from .access import may_make_annual_report
from .document import ReportFailed, annual_report_docx, annual_report_pdf
from .forms import AnnualReportForm
from .sources import report_tables

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@never_cache
@login_required
def annual_report(request):
    if not may_make_annual_report(request.user):
        raise PermissionDenied
    if request.method != "POST":
        form = AnnualReportForm(initial={"language": translation.get_language(), "format": "docx"})
        return render(request, "indicators/annual_report.html", {"form": form})
    form = AnnualReportForm(request.POST)
    if form.is_valid():
        year, language, fmt = form.cleaned_data["year"], form.cleaned_data["language"], form.cleaned_data["format"]
        period = Period.year(year)
        try:
            with translation.override(language):
                tables = report_tables(period=period, user=request.user)
            content = annual_report_docx(period=period, tables=tables, language=language)
            if fmt == "pdf":
                content = annual_report_pdf(content)
        except ReportFailed as exc:
            form.add_error(None, str(exc))
            return render(request, "indicators/annual_report.html", {"form": form}, status=409)
        name = f"rapport-annuel-{year}-{language}.{fmt}"
        response = HttpResponse(content, content_type="application/pdf" if fmt == "pdf" else DOCX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "indicators/annual_report.html", {"form": form}, status=400)
