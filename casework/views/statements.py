"""The funds' statements for donors: choose a fund and a period, read the
statement, download it as XLSX or PDF."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from approvals.letters.pdf import PdfConversionFailed
from indicators.tables import SMALL_CELL

from ..forms import StatementForm
from ..models import CaseAccessLog
from ..statements import statement_build
from ..statements.files import headers, statement_pdf, statement_xlsx
from .common import access_log_record, no_store

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
@never_cache
@login_required
@permission_required("casework.view_fund_statement", raise_exception=True)
def statements(request):
    form = StatementForm(request.GET if "fonds" in request.GET else None)
    statement = None
    status = 200
    if form.is_bound and form.is_valid():
        statement = statement_build(form.cleaned_data["fonds"], form.cleaned_data["period"])
        wanted = request.GET.get("format", "")
        if wanted in ("xlsx", "pdf"):
            try:
                return _download(request, statement, wanted)
            except PdfConversionFailed:
                form.add_error(None, _("Le PDF n'a pas pu être produit pour le moment : téléchargez le fichier XLSX ou réessayez plus tard."))
                status = 503
    elif form.is_bound:
        status = 400
    tables = [(table, headers(table)) for table in statement.tables] if statement else []
    context = {"form": form, "statement": statement, "tables": tables, "small_cell": SMALL_CELL}
    return no_store(render(request, "casework/statements.html", context, status=status))


def _download(request, statement, wanted: str) -> HttpResponse:
    content, content_type = (statement_xlsx(statement), XLSX) if wanted == "xlsx" else (statement_pdf(statement), "application/pdf")
    period = statement.period
    access_log_record(
        user=request.user,
        case=None,
        part=CaseAccessLog.Part.EXPORT,
        request=request,
        detail=f"statement fund={statement.fund.pk} {period.start:%Y-%m-%d}..{period.last_day:%Y-%m-%d} {wanted}",
    )
    response = HttpResponse(content, content_type=content_type)
    name = f"releve-{slugify(statement.fund.name)}-{period.start:%Y%m%d}-{period.last_day:%Y%m%d}.{wanted}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return no_store(response)
