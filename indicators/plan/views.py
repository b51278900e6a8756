"""The action plan's page, an indicator's page (history, entry form) and
the evidence download."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from approvals.uploads import attachment_headers, download_name

from ..models import Indicator, IndicatorValue
from .access import may_enter_value, may_see_plan
from .forms import ValueForm
from .progress import indicator_history, plan_progress, source_label
from .services import indicator_value_record


def _check(user):
    if not may_see_plan(user):
        raise PermissionDenied(_("Le plan d'action est suivi par le COPIL, le secrétariat, les auditeurs et les groupes responsables."))


def _year(request) -> int:
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("annee", this_year))
    except (TypeError, ValueError):
        return this_year
    return year if this_year - 10 <= year <= this_year + 1 else this_year


@never_cache
@login_required
def plan(request):
    _check(request.user)
    year = _year(request)
    this_year = timezone.localdate().year
    context = {
        "year": year,
        "years": list(range(this_year + 1, this_year - 4, -1)),
        "axes": plan_progress(year),
        "enterable": {indicator.pk for indicator in Indicator.objects.all() if may_enter_value(request.user, indicator)},
    }
    return render(request, "indicators/plan.html", context)


@never_cache
@login_required
def plan_indicator(request, code):
    _check(request.user)
    indicator = get_object_or_404(Indicator.objects.select_related("axis"), code=code)
    may_enter = may_enter_value(request.user, indicator)
    form = ValueForm(indicator=indicator) if may_enter else None
    status = 200
    if request.method == "POST":
        if not may_enter:
            raise PermissionDenied(_("Seul le groupe responsable de cet indicateur y saisit des valeurs."))
        form = ValueForm(request.POST, request.FILES, indicator=indicator)
        if form.is_valid():
            try:
                indicator_value_record(indicator_id=indicator.pk, by=request.user, **form.service_arguments())
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Valeur enregistrée ; les valeurs précédentes restent dans l'historique."))
                return redirect(indicator.get_absolute_url())
        status = 400
    context = {
        "indicator": indicator,
        "source_label": source_label(indicator) if indicator.is_computed else "",
        "history": indicator_history(indicator),
        "form": form,
    }
    return render(request, "indicators/plan_indicator.html", context, status=status)


@never_cache
@login_required
def evidence(request, pk):
    _check(request.user)
    entry = get_object_or_404(IndicatorValue, pk=pk)
    if not entry.evidence:
        raise Http404
    try:
        handle = entry.evidence.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = PurePath(entry.evidence.name).suffix.lstrip(".")
    response = FileResponse(handle, content_type="application/octet-stream")
    return attachment_headers(response, download_name(entry.evidence_name, extension))
