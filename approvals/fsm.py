"""What a dossier model may import from the engine without its services:
marks on transitions. (The services import the models; the models must not
import the services.)"""

from .refusals import Refused


class TransitionRefused(Refused):
    """A transition that may not happen; nothing was changed.

    `reason` is a sentence a person can read; `status` is the HTTP status a
    view answers with (403 not allowed, 409 not possible in this state).
    Uncaught, `approvals.refusals.RefusalMiddleware` answers it.
    """


def system_only(method):
    """Mark a transition that only the engine fires (decisions, timers): no
    person can fire it from a page, whatever their rights."""
    meta = getattr(method, "_django_fsm", None)
    if meta is not None:
        meta._relais_system_only = True
    return method


def is_system_only(meta) -> bool:
    return getattr(meta, "_relais_system_only", False)


__all__ = ["TransitionRefused", "is_system_only", "system_only"]
