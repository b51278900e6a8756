"""Opportunities: the board, a call's page, its fit, the sheet import."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import fit, selectors, services
from ..forms import AssessForm, OpportunityForm, SheetUploadForm
from ..services.sheets import MAX_BYTES
from ..sheet_parsing import COLUMNS
from ..timezones import reader_time_zone
from ..permissions import may_import_opportunities, may_manage_opportunities, opportunity_actions
from .common import apply_errors, dossier_context, page, require, requires_perm


@page
@requires_perm("grants.view_opportunity")
def board(request):
    return render(
        request,
        "grants/board.html",
        {
            **selectors.opportunity_board(request.user),
            "may_manage": may_manage_opportunities(request.user),
            "may_import": may_import_opportunities(request.user),
            "reader_time_zone": reader_time_zone(request.user).key,
        },
    )


@page
def opportunity_new(request):
    require(may_manage_opportunities(request.user))
    form = OpportunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.opportunity_create(by=request.user, **form.service_kwargs())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Opportunité %(reference)s enregistrée.") % {"reference": opportunity.reference})
            return redirect(opportunity.get_absolute_url())
    return render(request, "grants/opportunity_form.html", {"form": form})


@page
def opportunity_detail(request, reference):
    opportunity = selectors.access_opportunity(request.user, reference)
    latest = opportunity.fit_assessments.select_related("assessed_by").first()
    return render(
        request,
        "grants/opportunity_detail.html",
        {
            **dossier_context(request, opportunity),
            "opportunity": opportunity,
            "themes": list(opportunity.themes.all()),
            "countries": [row.get_country_display() for row in opportunity.country_rows.all()],
            "assessment": latest,
            "fit_parts": fit.explained(latest.parts) if latest else [],
            "proposals": list(opportunity.proposals.all()) if opportunity.sees_internal(request.user) else [],
            "actions": opportunity_actions(request.user, opportunity),
        },
    )


@page
def opportunity_edit(request, reference):
    require(may_manage_opportunities(request.user))
    opportunity = selectors.access_opportunity(request.user, reference, action="change")
    form = OpportunityForm(request.POST or None, opportunity=opportunity)
    if request.method == "POST" and form.is_valid():
        try:
            services.opportunity_update(reference=reference, by=request.user, **form.service_kwargs())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Opportunité mise à jour."))
            return redirect(opportunity.get_absolute_url())
    return render(request, "grants/opportunity_form.html", {"form": form, "opportunity": opportunity})


@page
def opportunity_assess(request, reference):
    require(may_manage_opportunities(request.user))
    opportunity = selectors.access_opportunity(request.user, reference, action="change")
    latest = opportunity.fit_assessments.first()
    initial = (
        {
            "eligibility_met": latest.eligibility_met,
            "eligibility_note": latest.eligibility_note,
            "capacity_rating": latest.capacity_rating,
            "capacity_note": latest.capacity_note,
        }
        if latest
        else None
    )
    form = AssessForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.opportunity_assess(reference=reference, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Score d'adéquation : %(score)d/100.") % {"score": assessment.score})
            return redirect(opportunity.get_absolute_url())
    return render(request, "grants/assess.html", {"form": form, "opportunity": opportunity})


@page
def sheet_upload(request):
    require(may_import_opportunities(request.user))
    form = SheetUploadForm(request.POST or None, request.FILES or None)
    parsed = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["sheet"]
        sheet, parsed = services.sheet_upload(by=request.user, filename=upload.name, content=upload.read(MAX_BYTES + 1))
        if sheet is not None:
            return redirect(sheet.get_absolute_url())
    recent = selectors.recent_sheets()
    return render(
        request,
        "grants/sheet_upload.html",
        {"form": form, "parsed": parsed, "errors": parsed.located_errors() if parsed else [], "recent": recent,
         "columns": COLUMNS},
        status=400 if parsed is not None else 200,
    )


@page
def sheet_detail(request, pk):
    require(may_import_opportunities(request.user))
    sheet = selectors.access_sheet(request.user, pk)
    if request.method == "POST":
        return _sheet_import(request, sheet)
    sheet, parsed = services.sheet_preview(sheet_id=sheet.pk, by=request.user)
    return render(
        request,
        "grants/sheet_preview.html",
        {"sheet": sheet, "parsed": parsed, "errors": parsed.located_errors(), "columns": COLUMNS},
    )


def _sheet_import(request, sheet):
    try:
        sheet = services.sheet_import(sheet_id=sheet.pk, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(sheet.get_absolute_url())
    messages.success(
        request,
        _("Import terminé : %(created)d créée(s), %(updated)d mise(s) à jour, %(unchanged)d inchangée(s).")
        % {"created": sheet.created_count, "updated": sheet.updated_count, "unchanged": sheet.unchanged_count},
    )
    return redirect(sheet.get_absolute_url())
