"""Who may read a letter, run a committee's meetings, regenerate letters.

Plain predicates; views turn a refusal into 403 or, where even the
existence of a dossier must not leak (sensitive kinds), 404.
"""

from ..access import can

ALLOWED, FORBIDDEN, HIDDEN = 200, 403, 404


def is_committee_member(user, committee) -> bool:
    return committee.is_member(user)


def may_run_meetings(user, committee) -> bool:
    """Meetings (agenda, attendance, minutes) are the chair's."""
    return user.is_authenticated and committee.chair_id == user.pk


# Who else reads a meeting's minutes (plenaries and the General Assembly:
# the member organisations' focal points): fn(user, meeting) -> bool,
# registered by the app that knows the members (governance).
_meeting_audiences = []


def register_meeting_audience(function):
    _meeting_audiences.append(function)
    return function


def in_meeting_audience(user, meeting) -> bool:
    """The committee, and whoever a registered audience adds for the meeting."""
    if not user.is_authenticated:
        return False
    return is_committee_member(user, meeting.committee) or any(fn(user, meeting) for fn in _meeting_audiences)


def may_see_meeting(user, meeting) -> bool:
    """The committee; the secretariat too for committees that never decide on
    sensitive dossiers (it records the votes given in the room)."""
    if not user.is_authenticated:
        return False
    if is_committee_member(user, meeting.committee):
        return True
    from .selectors import is_secretariat_for

    return is_secretariat_for(user, meeting.committee)


def letter_access(user, letter) -> int:
    """ALLOWED, FORBIDDEN or HIDDEN.

    - Minutes: the committee (chair and members) and the meeting's audience
      (plenaries, General Assembly: the members' focal points); administrators
      too unless the meeting decided on a sensitive dossier.
    - A sensitive dossier's letter (emergency): only those who see the
      dossier's internal side (its committee, its officer); 404 for anyone else.
    - Any other letter: its applicant side (`applicant_dossiers`), or whoever
      may view the dossier AND is its applicant,
      the letter's recipient, on the deciding committee, on its internal
      side, or an administrator (approvals.view_letter); 404 if they may not
      view the dossier at all.
    """
    if not user.is_authenticated or not user.is_active:
        return HIDDEN
    if letter.meeting_id:
        if is_committee_member(user, letter.meeting.committee):
            return ALLOWED
        if not letter.sensitive and in_meeting_audience(user, letter.meeting):
            return ALLOWED
        if not letter.sensitive and user.has_perm("approvals.view_letter"):
            return ALLOWED
        return HIDDEN if letter.sensitive else FORBIDDEN
    dossier = letter.dossier
    if dossier is None:
        return HIDDEN
    if letter.sensitive or type(dossier).sensitive:
        return ALLOWED if dossier.sees_internal(user) else HIDDEN
    # The applicant side as the dossier's kind defines it, at query time:
    # a proposal's lead and partners, a focal point named after the decision.
    if type(dossier).applicant_dossiers(user).filter(pk=dossier.pk).exists():
        return ALLOWED
    if not can(user, "view", dossier):
        return HIDDEN
    if user.pk in {dossier.owner_id, letter.recipient_id}:
        return ALLOWED
    if letter.decision_id and is_committee_member(user, letter.decision.committee):
        return ALLOWED
    if user.has_perm("approvals.view_letter") or dossier.sees_internal(user):
        return ALLOWED
    return FORBIDDEN
