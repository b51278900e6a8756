"""The applicants' space: "Mon espace", a dossier's messages, status links.

Thin views: parse, call one service or selector, render.
"""


from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.http import client_ip

from .. import ratelimit, services
from ..access import access
from ..forms import StatusLookupForm
from ..registry import dossier_model_for_reference
from . import selectors

STATUS_FAILURES_WINDOW = 15 * 60


def _no_store(response):
    response["Cache-Control"] = "no-store, private, max-age=0"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_required
def my_space(request):
    return render(request, "approvals/space/my_space.html", {"rows": selectors.applicant_space(request.user)})


@login_required
def dossier_messages(request, reference):
    """The thread of one dossier, for its applicant side and its handlers;
    404 for anyone else (existence does not leak)."""
    dossier, side = selectors.dossier_for_messages(request.user, reference)
    if dossier is None:
        raise Http404
    dossier.viewed(request, "messages")
    status = 200
    body = ""
    if request.method == "POST":
        body = request.POST.get("body", "")
        try:
            services.message_post(dossier=dossier, by=request.user, body=body)
        except services.TransitionRefused as error:
            flash.error(request, error.reason)
            status = error.status
        else:
            flash.success(request, _("Votre message est envoyé."))
            return redirect(reverse("approvals:messages", kwargs={"reference": reference}))
    thread = list(selectors.messages_of(dossier))
    services.messages_mark_read(dossier=dossier, user=request.user)
    back = dossier.applicant_url() if side == "applicant" else dossier.get_absolute_url()
    response = render(
        request,
        "approvals/space/messages.html",
        {"dossier": dossier, "thread": thread, "side": side, "body": body, "back": back},
        status=status,
    )
    return _no_store(response) if type(dossier).sensitive else response


@login_required
@require_POST
def status_link(request, reference):
    """Handlers issue (or re-issue) a dossier's status link, or revoke it.
    The link is shown once, on this response, never stored in clear."""
    model = dossier_model_for_reference(reference)
    if model is None:
        raise Http404
    dossier = access(request.user, model, reference=reference)
    if request.POST.get("action") == "revoke":
        services.status_link_revoke(dossier=dossier, by=request.user)
        flash.success(request, _("Les liens de suivi de ce dossier ne marchent plus."))
        return redirect(dossier.get_absolute_url())
    token = services.status_link_issue(dossier=dossier, by=request.user)
    url = request.build_absolute_uri(reverse("approvals:status_public", kwargs={"reference": reference, "token": token}))
    return _no_store(render(request, "approvals/space/status_link_issued.html", {"dossier": dossier, "url": url}))


def _too_many_failures(request) -> bool:
    limit = settings.RELAIS_STATUS_LINK_MAX_FAILURES
    return ratelimit.too_many("status-fail", client_ip(request), limit=limit)


def _count_failure(request) -> None:
    ratelimit.hit("status-fail", client_ip(request), window_seconds=STATUS_FAILURES_WINDOW)


@never_cache
def status_public(request, reference, token):
    """A dossier's public state for whoever holds its link; no account.

    A wrong reference and a wrong token get the same bytes, status and
    headers, after the same work; too many failures from one address are
    refused for a while (successes are not counted)."""
    if _too_many_failures(request):
        return _no_store(render(request, "approvals/space/status_public.html", {"too_many": True}, status=429))
    dossier = services.status_link_resolve(reference, token)
    if dossier is None:
        _count_failure(request)
        return _no_store(render(request, "approvals/space/status_public.html", {"unknown": True}, status=404))
    context = {"reference": dossier.reference, "label": dossier.public_state}
    if type(dossier).sensitive:
        # An emergency case: the public label and the date of the last change,
        # no steps (their dates would tell more than the person needs).
        context.update(discreet=True, updated_at=dossier.updated_at)
    else:
        context["timeline"] = selectors.public_timeline(dossier)
    return _no_store(render(request, "approvals/space/status_public.html", context))


@never_cache
def status_lookup(request):
    """The front door's "follow a request": reference and code in a form
    (posted, so they stay out of addresses and logs); the answer is the
    public status page, with its rate limit."""
    form = StatusLookupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        return status_public(request, form.cleaned_data["reference"], form.cleaned_data["code"])
    status = 400 if form.errors else 200
    return _no_store(render(request, "approvals/space/status_lookup.html", {"form": form}, status=status))
