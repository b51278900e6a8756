"""What grants' views share: the dossier page's engine parts, error mapping."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from approvals import selectors as approvals_selectors
from approvals.forms import TransitionForm
from approvals.models import Committee
from approvals.services import available_transitions, may_open_ballot, transition_label

from ..timezones import in_reader_time_zone, reader_time_zone


def page(view):
    """Signed in, rendered in the reader's time zone."""
    return login_required(in_reader_time_zone(view))


def require(allowed: bool, message: str = "") -> None:
    if not allowed:
        raise PermissionDenied(message or _("Vous n'avez pas accès à cette page."))


def requires_perm(perm: str):
    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            require(request.user.has_perm(perm))
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def dossier_context(request, dossier) -> dict:
    """The engine's parts of a dossier page (state, actions, ballots, timeline),
    as approvals.views.dossier_detail builds them."""
    user = request.user
    dossier.viewed(request, "timeline")
    internal = dossier.sees_internal(user)
    return {
        "dossier": dossier,
        "internal": internal,
        "timeline": approvals_selectors.timeline(dossier, internal=internal),
        "transitions": [(name, transition_label(type(dossier), name)) for name in available_transitions(dossier, user)],
        "transition_form": TransitionForm(),
        "ballots": approvals_selectors.open_ballots_for_dossier(dossier, request.user) if internal else [],
        "committees": [c for c in Committee.objects.all() if may_open_ballot(user, c)] if internal else [],
        "reader_time_zone": reader_time_zone(user).key,
    }


def apply_errors(form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item)
    else:
        for message in error.messages:
            form.add_error(None, message)
