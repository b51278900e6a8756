"""The person's own API tokens: list (with last use), create (shown once),
revoke. Only after the second factor, like recovery codes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from approvals.refusals import Refused

from .forms import TokenForm
from .tokens import may_manage_tokens, token_create, token_revoke, tokens_of


def _second_factor_first(request) -> None:
    """Tokens are made and revoked after the second factor. A person whose
    role needs one has been sent to it by the middleware already; an account
    without one is told so (it cannot be verified: no loop to its page)."""
    if not may_manage_tokens(request.user):
        raise Refused(_("Les jetons d'API demandent un second facteur, que votre compte n'a pas."), status=403)


@never_cache
@login_required
def tokens(request):
    _second_factor_first(request)
    form = TokenForm(request.POST or None)
    shown = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            token, shown = token_create(user=request.user, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"])
        except Refused as refusal:
            form.add_error(None, refusal.reason)
            status = refusal.status
        else:
            form = TokenForm()
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": tokens_of(request.user), "shown": shown},
        status=status,
    )


@login_required
@require_POST
def token_revoke_view(request, pk):
    _second_factor_first(request)
    token = token_revoke(user=request.user, token_id=pk)
    messages.success(request, _("Le jeton « %(name)s » est révoqué : il ne permet plus rien.") % {"name": token.name})
    return redirect("api:tokens")
