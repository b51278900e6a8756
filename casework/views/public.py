"""Pages without an account: a defender's application and its status link."""

import hmac

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from approvals import ratelimit

from .. import services
from ..forms import IntakeForm
from ..models import StatusToken
from .common import client_ip, no_store

# Compared against when the reference does not exist, so a wrong reference
# costs the same time as a wrong token.
_DUMMY_HASH = "0" * 64
STATUS_WINDOW = 15 * 60


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
                case, token = services.case_apply(
                    data=form.data_for_service(), intake_key=form.cleaned_data["idempotency_key"], language=request.LANGUAGE_CODE
                )
            except services.CaseworkRefused as error:
                return no_store(render(request, "casework/apply_received.html", {"already": error.reason}, status=error.status))
            ratelimit.hit("intake", ip, window_seconds=3600)
            status_path = reverse("casework:status", kwargs={"reference": case.reference, "token": token})
            return no_store(
                render(
                    request,
                    "casework/apply_received.html",
                    {"reference": case.reference, "status_url": request.build_absolute_uri(status_path)},
                )
            )
    return no_store(render(request, "casework/apply.html", {"form": form}, status=400 if form.errors else 200))


@never_cache
def status(request, reference, token):
    """The public state of a case, for whoever holds its secret link.

    A wrong reference and a wrong token get the same answer, in about the
    same time; too many wrong guesses from one address are refused a while.
    """
    ip = client_ip(request)
    limit = settings.RELAIS_STATUS_LINK_MAX_FAILURES
    if ratelimit.too_many("status", ip, limit=limit):
        return no_store(render(request, "casework/status.html", {"too_many": True}, status=429))
    presented = services.token_hash(token)
    stored = (
        StatusToken.objects.filter(case__reference=reference, revoked_at__isnull=True)
        .select_related("case")
        .only("token_hash", "case__reference", "case__state", "case__updated_at")
        .order_by("-created_at")
    )
    match = None
    candidates = list(stored) or [None]
    for candidate in candidates:
        expected = candidate.token_hash if candidate is not None else _DUMMY_HASH
        if hmac.compare_digest(expected, presented) and candidate is not None:
            match = candidate
    if match is None:
        ratelimit.hit("status", ip, window_seconds=STATUS_WINDOW)
        return no_store(render(request, "casework/status.html", {"unknown": True}, status=404))
    case = match.case
    return no_store(
        render(request, "casework/status.html", {"reference": case.reference, "label": case.public_state, "updated_at": case.updated_at})
    )
