"""The donor map: funders, their contacts and history, the matrices, rates."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.models import Theme

from .. import selectors, services
from ..forms import ExchangeRateForm, FunderContactForm, FunderEventForm, FunderForm
from ..models import Funder
from ..permissions import may_manage_funders, may_record_rates
from .common import apply_errors, page, require, requires_perm


@page
@requires_perm("grants.view_funder")
def funders(request):
    kind = request.GET.get("type", "")
    country = request.GET.get("pays", "")
    theme = request.GET.get("theme", "")
    query = request.GET.get("q", "").strip()[:100]
    theme_id = int(theme) if theme.isdigit() else None
    return render(
        request,
        "grants/funders.html",
        {
            "funders": selectors.funders_list(kind=kind, country=country, theme_id=theme_id, query=query),
            "kinds": Funder.Kind.choices,
            "themes": Theme.objects.all(),
            "countries": settings.RELAIS_COUNTRIES,
            "filters": {"type": kind, "pays": country, "theme": theme_id, "q": query},
            "may_manage": may_manage_funders(request.user),
        },
    )


@page
@requires_perm("grants.view_funder")
def funder_matrix(request, by):
    return render(request, "grants/funder_matrix.html", {**selectors.funder_matrix(by=by), "by": by})


def _funder_form_kwargs(form) -> dict:
    data = dict(form.cleaned_data)
    data["theme_ids"] = [t.pk for t in data.pop("themes")]
    return data


@page
def funder_new(request):
    require(may_manage_funders(request.user))
    form = FunderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            funder = services.funder_create(by=request.user, **_funder_form_kwargs(form))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Bailleur ajouté."))
            return redirect(funder.get_absolute_url())
    return render(request, "grants/funder_form.html", {"form": form})


@page
def funder_edit(request, pk):
    require(may_manage_funders(request.user))
    funder = selectors.access_funder(request.user, pk)
    initial = {
        **{f: getattr(funder, f) for f in ("name", "acronym", "kind", "website", "usual_grant_min", "usual_grant_max", "currency", "relationship", "priorities", "language")},
        "themes": list(funder.themes.values_list("pk", flat=True)),
        "countries": funder.countries,
    }
    form = FunderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.funder_update(funder_id=funder.pk, by=request.user, **_funder_form_kwargs(form))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Bailleur mis à jour."))
            return redirect(funder.get_absolute_url())
    return render(request, "grants/funder_form.html", {"form": form, "funder": funder})


@page
@requires_perm("grants.view_funder")
def funder_detail(request, pk):
    return _funder_page(request, pk)


def _funder_page(request, pk, *, contact_form=None, event_form=None, status=200):
    funder = selectors.access_funder(request.user, pk, for_page=True)
    return render(
        request,
        "grants/funder_detail.html",
        {
            "funder": funder,
            "events": funder.events.select_related("recorded_by"),
            "opportunities": selectors.funder_opportunities(request.user, funder),
            "may_manage": may_manage_funders(request.user),
            "contact_form": contact_form or FunderContactForm(),
            "event_form": event_form or FunderEventForm(),
        },
        status=status,
    )


@page
@require_POST
def funder_contact_add(request, pk):
    require(may_manage_funders(request.user))
    funder = selectors.access_funder(request.user, pk)
    form = FunderContactForm(request.POST)
    if form.is_valid():
        try:
            services.funder_contact_add(funder_id=funder.pk, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Contact ajouté."))
            return redirect(funder.get_absolute_url())
    return _funder_page(request, pk, contact_form=form, status=400)


@page
@require_POST
def funder_contact_remove(request, pk, contact_pk):
    require(may_manage_funders(request.user))
    funder = selectors.access_funder(request.user, pk)
    services.funder_contact_remove(contact_id=selectors.access_funder_contact(request.user, funder, contact_pk).pk, by=request.user)
    messages.success(request, _("Contact retiré."))
    return redirect(funder.get_absolute_url())


@page
@require_POST
def funder_event_add(request, pk):
    require(may_manage_funders(request.user))
    funder = selectors.access_funder(request.user, pk)
    form = FunderEventForm(request.POST)
    if form.is_valid():
        try:
            services.funder_event_add(funder_id=funder.pk, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Étape ajoutée à l'historique."))
            return redirect(funder.get_absolute_url())
    return _funder_page(request, pk, event_form=form, status=400)


@page
@requires_perm("grants.view_exchangerate")
def rates(request):
    form = ExchangeRateForm(request.POST or None) if may_record_rates(request.user) else None
    status = 200
    if request.method == "POST":
        require(may_record_rates(request.user))
        if form.is_valid():
            try:
                services.exchange_rate_record(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Taux enregistré."))
                return redirect("grants:rates")
        status = 400
    return render(
        request,
        "grants/rates.html",
        {"rates": selectors.recent_rates(), "form": form},
        status=status,
    )
