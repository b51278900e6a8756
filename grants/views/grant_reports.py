"""An agreement's expenses and results (pages of /financements/accords/<pk>/)."""

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import LogframeItem
from ..models.grant_reports import ExpenseSheet, IndicatorResult
from ..report_access import organisations_of, require_scope
from ..report_forms import ExpenseForm, ExpenseSheetForm, PeriodForm, ResultForm
from ..services import grant_reports as services
from .common import apply_errors, page, require


def agreement_for(request, pk):
    """(agreement, scope): 404 for whoever may not see it."""
    model = apps.get_model("grants", "GrantAgreement")
    agreement = get_object_or_404(model.objects.select_related("proposal__lead_organisation"), pk=pk)
    return agreement, require_scope(request.user, agreement)


def _context(agreement, scope, tab) -> dict:
    return {"agreement": agreement, "proposal": agreement.proposal, "scope": scope, "tab": tab}


def _own_lines(agreement, scope):
    return [
        line for line in agreement.proposal.budget_lines.select_related("organisation").order_by("organisation_id", "id")
        if line.organisation_id in scope.organisation_ids
    ]


def _expenses_page(request, agreement, scope, *, form=None, status=200):
    ledger = services.agreement_ledger(agreement, organisation_ids=None if scope.sees_all else scope.organisation_ids)
    lines = _own_lines(agreement, scope)
    return render(
        request,
        "grants/reports/expenses.html",
        {
            **_context(agreement, scope, "expenses"),
            "ledger": ledger,
            "form": form or (ExpenseForm(lines=lines, initial={"currency": agreement.currency}) if lines else None),
        },
        status=status,
    )


@page
def agreement_expenses(request, pk):
    agreement, scope = agreement_for(request, pk)
    if request.method != "POST":
        return _expenses_page(request, agreement, scope)
    lines = _own_lines(agreement, scope)
    require(bool(lines), _("Vous ne pouvez pas saisir de dépenses pour cet accord."))
    form = ExpenseForm(request.POST, lines=lines)
    if form.is_valid():
        data = dict(form.cleaned_data)
        line = next(line for line in lines if line.pk == data.pop("budget_line"))
        try:
            services.expense_add(agreement=agreement, by=request.user, budget_line=line, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Dépense enregistrée."))
            return redirect(reverse("grants:agreement-expenses", kwargs={"pk": agreement.pk}))
    return _expenses_page(request, agreement, scope, form=form, status=400)


@page
def agreement_expense_import(request, pk):
    agreement, scope = agreement_for(request, pk)
    require(bool(scope.organisation_ids), _("Vous ne pouvez pas saisir de dépenses pour cet accord."))
    form = ExpenseSheetForm(request.POST or None, request.FILES or None)
    errors, status = None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["sheet"]
            try:
                sheet, parsed = services.expense_sheet_upload(
                    agreement=agreement, by=request.user, filename=upload.name, content=upload.read()
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                if sheet is not None:
                    return redirect(reverse("grants:agreement-expense-sheet", kwargs={"pk": agreement.pk, "sheet_pk": sheet.pk}))
                errors = parsed.located_errors()
    return render(
        request, "grants/reports/expense_import.html",
        {**_context(agreement, scope, "expenses"), "form": form, "errors": errors}, status=status,
    )


@page
def agreement_expense_sheet(request, pk, sheet_pk):
    agreement, scope = agreement_for(request, pk)
    sheet = get_object_or_404(ExpenseSheet, pk=sheet_pk, agreement=agreement, uploaded_by=request.user)
    if request.method == "POST":
        try:
            services.expense_sheet_import(sheet_id=sheet.pk, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Dépenses importées."))
            return redirect(reverse("grants:agreement-expenses", kwargs={"pk": agreement.pk}))
    parsed = services.expense_sheet_preview(sheet=sheet, by=request.user)
    return render(
        request, "grants/reports/expense_sheet.html",
        {**_context(agreement, scope, "expenses"), "sheet": sheet, "parsed": parsed, "errors": parsed.located_errors()},
    )


def _results_page(request, agreement, scope, *, form=None, period_form=None, status=200):
    indicators = list(LogframeItem.objects.filter(proposal=agreement.proposal, kind=LogframeItem.Kind.INDICATOR))
    periods = list(agreement.reporting_periods.all())
    results = IndicatorResult.objects.filter(agreement=agreement).select_related("indicator", "period", "organisation", "validated_by")
    if not scope.sees_all:
        results = results.filter(organisation_id__in=scope.organisation_ids)
    own = [o for o in organisations_of(agreement) if o.pk in scope.organisation_ids]
    if form is None and own and indicators and periods:
        form = ResultForm(indicators=indicators, periods=periods, organisations=own)
    if period_form is None and scope.manages:
        period_form = PeriodForm()
    return render(
        request,
        "grants/reports/results.html",
        {**_context(agreement, scope, "results"), "results": results, "indicators": indicators, "periods": periods,
         "form": form, "period_form": period_form},
        status=status,
    )


@page
def agreement_results(request, pk):
    agreement, scope = agreement_for(request, pk)
    if request.method != "POST":
        return _results_page(request, agreement, scope)
    own = [o for o in organisations_of(agreement) if o.pk in scope.organisation_ids]
    require(bool(own), _("Vous ne pouvez pas saisir de résultats pour cet accord."))
    form = ResultForm(
        request.POST,
        indicators=LogframeItem.objects.filter(proposal=agreement.proposal, kind=LogframeItem.Kind.INDICATOR),
        periods=agreement.reporting_periods.all(),
        organisations=own,
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.result_record(
                agreement=agreement, by=request.user, indicator_id=data["indicator"], period_id=data["period"],
                organisation_id=data["organisation"], value=data["value"], comment=data["comment"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Résultat enregistré : la cheffe de file le validera."))
            return redirect(reverse("grants:agreement-results", kwargs={"pk": agreement.pk}))
    return _results_page(request, agreement, scope, form=form, status=400)


@page
@require_POST
def agreement_result_period(request, pk):
    agreement, scope = agreement_for(request, pk)
    require(scope.manages)
    form = PeriodForm(request.POST)
    if form.is_valid():
        try:
            services.reporting_period_add(agreement=agreement, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Période ajoutée."))
            return redirect(reverse("grants:agreement-results", kwargs={"pk": agreement.pk}))
    return _results_page(request, agreement, scope, period_form=form, status=400)


@page
@require_POST
def agreement_result_validate(request, pk, result_pk):
    agreement, scope = agreement_for(request, pk)
    result = get_object_or_404(IndicatorResult, pk=result_pk, agreement=agreement)
    if not scope.sees(result.organisation_id):
        raise Http404
    services.result_validate(result_id=result.pk, by=request.user)
    messages.success(request, _("Résultat validé."))
    return redirect(reverse("grants:agreement-results", kwargs={"pk": agreement.pk}))
