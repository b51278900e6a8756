"""The engine's parts of a dossier's page, for every kind: its state, the
actions its reader may take, its ballots and its timeline. Each app's page
adds its own parts to this context."""

from .forms import TransitionForm
from .models import Committee
from .selectors import ballots_for_dossier, timeline
from .services import available_transitions, may_open_ballot, transition_label


def dossier_page_context(request, dossier, *, ballot_committees: bool = True) -> dict:
    """Records the reader's view of the timeline (for kinds that log reads).
    `ballot_committees`: offer the committees whose ballot the reader may
    open from this page (False where the kind opens its ballots itself)."""
    user = request.user
    dossier.viewed(request, "timeline")
    internal = dossier.sees_internal(user)
    committees = []
    if internal and ballot_committees:
        committees = [c for c in Committee.objects.all() if may_open_ballot(user, c)]
    return {
        "dossier": dossier,
        "internal": internal,
        "timeline": timeline(dossier, internal=internal),
        "transitions": [(name, transition_label(type(dossier), name)) for name in available_transitions(dossier, user)],
        "transition_form": TransitionForm(),
        "ballots": ballots_for_dossier(dossier, user) if internal else [],
        "committees": committees,
    }


__all__ = ["dossier_page_context"]
