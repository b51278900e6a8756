"""What grants' views share: the dossier page's engine parts, error mapping."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from approvals.pages import dossier_page_context

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
    """The engine's parts of a dossier page, in the reader's time zone."""
    return {**dossier_page_context(request, dossier), "reader_time_zone": reader_time_zone(request.user).key}


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
