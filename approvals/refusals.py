"""Domain refusals: one exception, one handler.

A service that says no raises `Refused(reason, status=...)` (or one of its
subclasses: `TransitionRefused`, `BallotError`, `LetterError`, `MembersError`,
`CaseworkRefused`, ...). Nothing was changed: the service's transaction
rolled back. A view may catch it to show the reason inside its own form;
whatever it does not catch reaches `RefusalMiddleware`, which answers with the
status and the reason on the site's error page, never with a 500.

`reason` is a sentence written for the person who asked (safe to show, never
internals: no exception text, no identities from an emergency case).
"""

from django.shortcuts import render

#: statuses a refusal may ask for; anything else is answered as a 409.
STATUSES = frozenset({400, 403, 404, 409, 429})


class Refused(Exception):
    """An action that may not happen; nothing was changed.

    `reason`: a sentence a person can read. `status`: 400 (the request is
    malformed), 403 (not allowed), 404 (not found, or its existence must not
    leak), 409 (not possible in this state, e.g. a stale or double-submitted
    form), 429 (too many attempts).
    """

    default_status = 409

    def __init__(self, reason, *, status: int | None = None):
        super().__init__(str(reason))
        self.reason = reason
        self.status = status if status is not None else self.default_status


def refusal_response(request, error: Refused, *, template: str = "refused.html"):
    """The page for a refusal: the site's error page with the reason."""
    status = error.status if error.status in STATUSES else 409
    response = render(request, template, {"reason": error.reason, "status": status}, status=status)
    # pages about a refusal are never cached (they may concern a confidential case)
    response["Cache-Control"] = "no-store, private, max-age=0"
    return response


class RefusalMiddleware:
    """Every domain refusal a view lets through becomes its 4xx page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Refused):
            return refusal_response(request, exception)
        return None
