"""Pages without an account: a defender's application. Its status link is
the engine's (approvals:status_public); the address handed out before the
links moved there still answers (casework.urls, "status_bookmark")."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from approvals import ratelimit

from .. import services
from ..forms import IntakeForm
from .common import client_ip, no_store


@never_cache
def apply(request):
    """A short form for a defender at risk; no account, no JavaScript."""
    form = IntakeForm(request.POST or None)
    if request.method == "POST":
        ip = client_ip(request)
        if ratelimit.too_many("intake", ip, limit=settings.RELAIS_INTAKE_MAX_PER_HOUR):
            return no_store(render(request, "casework/apply.html", {"form": form, "too_many": True}, status=429))
        if form.is_valid():
            try:
                case, token = services.case_apply(data=form.data_for_service(), intake_key=form.cleaned_data["idempotency_key"])
            except services.CaseworkRefused as error:
                return no_store(render(request, "casework/apply_received.html", {"already": error.reason}, status=error.status))
            ratelimit.hit("intake", ip, window_seconds=3600)
            status_path = reverse("approvals:status_public", kwargs={"reference": case.reference, "token": token})
            return no_store(
                render(
                    request,
                    "casework/apply_received.html",
                    {"reference": case.reference, "status_url": request.build_absolute_uri(status_path)},
                )
            )
    return no_store(render(request, "casework/apply.html", {"form": form}, status=400 if form.errors else 200))
