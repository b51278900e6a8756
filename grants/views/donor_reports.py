"""An agreement's reports to the donor and its closing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from approvals.uploads import attachment_headers

from ..models.grant_reports import AgreementClosing, DonorReport
from ..report_access import may_close_agreement, organisations_of, report_actions
from ..report_forms import CloseForm, ReportScheduleForm, ReportUploadForm
from ..services import grant_reports as services
from .common import apply_errors, page, require
from .grant_reports import _context, agreement_for


def _visible_reports(agreement, scope):
    reports = agreement.donor_reports.select_related("period", "organisation")
    if not scope.sees_all:
        reports = reports.filter(organisation_id__in=scope.organisation_ids)
    return reports


def _reports_page(request, agreement, scope, *, form=None, status=200):
    if form is None and scope.manages:
        form = ReportScheduleForm(periods=agreement.reporting_periods.all(), organisations=organisations_of(agreement))
    return render(
        request,
        "grants/reports/reports.html",
        {**_context(agreement, scope, "reports"), "reports": _visible_reports(agreement, scope), "form": form,
         "closing": AgreementClosing.objects.filter(agreement=agreement).first(),
         "may_close": may_close_agreement(request.user)},
        status=status,
    )


@page
def agreement_reports(request, pk):
    agreement, scope = agreement_for(request, pk)
    if request.method != "POST":
        return _reports_page(request, agreement, scope)
    require(scope.manages)
    form = ReportScheduleForm(request.POST, periods=agreement.reporting_periods.all(), organisations=organisations_of(agreement))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.report_schedule(
                agreement=agreement, by=request.user, kind=data["kind"], due_on=data["due_on"], period_id=data["period"],
                organisation_id=data["organisation"], is_final=data["is_final"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Rapport ajouté au calendrier."))
            return redirect(reverse("grants:agreement-reports", kwargs={"pk": agreement.pk}))
    return _reports_page(request, agreement, scope, form=form, status=400)


def _report_for(request, pk, report_pk):
    agreement, scope = agreement_for(request, pk)
    report = get_object_or_404(_visible_reports(agreement, scope), pk=report_pk)
    return agreement, scope, report


@page
def agreement_report(request, pk, report_pk):
    agreement, scope, report = _report_for(request, pk, report_pk)
    actions = report_actions(request.user, scope, report)
    form, status = None, 200
    if request.method == "POST":
        require("edit" in actions)
        form, status = ReportUploadForm(request.POST, request.FILES), 400
        if form.is_valid():
            try:
                services.report_upload(report_id=report.pk, by=request.user, upload=form.cleaned_data["upload"])
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Nouvelle version déposée : elle attend l'approbation de la cheffe de file."))
                return redirect(request.path)
    elif "edit" in actions:
        form = ReportUploadForm()
    return render(
        request,
        "grants/reports/report.html",
        {**_context(agreement, scope, "reports"), "report": report, "actions": actions,
         "versions": report.versions.select_related("created_by"), "form": form},
        status=status,
    )


def _act(request, pk, report_pk, service, done):
    _agreement, _scope, report = _report_for(request, pk, report_pk)
    try:
        service(report_id=report.pk, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(reverse("grants:agreement-report", kwargs={"pk": pk, "report_pk": report.pk}))


@page
@require_POST
def agreement_report_generate(request, pk, report_pk):
    return _act(request, pk, report_pk, services.report_generate, _("Brouillon généré à partir des données : téléchargez-le, complétez-le et déposez-le."))


@page
@require_POST
def agreement_report_approve(request, pk, report_pk):
    return _act(request, pk, report_pk, services.report_approve, _("Rapport approuvé."))


@page
@require_POST
def agreement_report_submit(request, pk, report_pk):
    return _act(request, pk, report_pk, services.report_submit, _("Rapport marqué comme remis au bailleur."))


@page
@require_GET
def agreement_report_version(request, pk, report_pk, version_pk):
    _agreement, _scope, report = _report_for(request, pk, report_pk)
    version = get_object_or_404(report.versions, pk=version_pk)
    try:
        handle = version.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type="application/octet-stream")
    return attachment_headers(response, version.original_name)


@page
def agreement_close(request, pk):
    agreement, scope = agreement_for(request, pk)
    require(may_close_agreement(request.user))
    closing = AgreementClosing.objects.filter(agreement=agreement).first()
    form, status = None, 200
    if closing is None:
        form = CloseForm(request.POST or None)
        if request.method == "POST":
            status = 400
            if form.is_valid():
                try:
                    services.agreement_close_out(agreement=agreement, by=request.user, **form.cleaned_data)
                except ValidationError as error:
                    apply_errors(form, error)
                else:
                    messages.success(request, _("Accord clôturé."))
                    return redirect(reverse("grants:agreement-reports", kwargs={"pk": agreement.pk}))
    return render(
        request,
        "grants/reports/close.html",
        {**_context(agreement, scope, "reports"), "closing": closing, "form": form,
         "balance": services.closing_balance(agreement), "open_reports": agreement.donor_reports.exclude(state=DonorReport.State.SUBMITTED)},
        status=status,
    )
