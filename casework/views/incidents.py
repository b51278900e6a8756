"""Security incidents, per country."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import permissions, selectors, services
from ..forms import IncidentForm, IncidentVerifyForm
from .common import no_store


@never_cache
@login_required
@permission_required("casework.view_incident", raise_exception=True)
def incident_list(request):
    incidents = selectors.incidents_for(request.user)
    return no_store(render(request, "casework/incident_list.html", {"incidents": incidents[:200]}))


@never_cache
@login_required
@permission_required("casework.add_incident", raise_exception=True)
def incident_new(request):
    form = IncidentForm(request.POST or None, initial={"country": request.user.country})
    if request.method == "POST" and form.is_valid():
        incident = services.incident_record(by=request.user, data=form.cleaned_data, case_references=form.references())
        messages.success(request, _("Incident %(reference)s enregistré.") % {"reference": incident.reference})
        return redirect(incident.get_absolute_url())
    return no_store(render(request, "casework/incident_new.html", {"form": form}, status=400 if form.errors else 200))


@never_cache
@login_required
@permission_required("casework.view_incident", raise_exception=True)
def incident_detail(request, reference):
    incident = selectors.access_incident(request.user, reference)
    cases = selectors.incident_cases(request.user, incident)
    return no_store(
        render(
            request,
            "casework/incident_detail.html",
            {"incident": incident, "cases": cases, "verify_form": IncidentVerifyForm(initial={"verification": incident.verification}),
             "may_verify": permissions.may_verify_incident(request.user, incident)},
        )
    )


@login_required
@require_POST
def incident_verify(request, reference):
    incident = selectors.access_incident(request.user, reference)
    form = IncidentVerifyForm(request.POST)
    if not form.is_valid():
        raise services.CaseworkRefused(_("Choisissez un statut de vérification."), status=400)
    services.incident_verify(incident_id=incident.pk, by=request.user, verification=form.cleaned_data["verification"])
    messages.success(request, _("Statut de vérification enregistré."))
    return redirect(incident.get_absolute_url())


