"""Ballots decided in a committee meeting, and the chair's closing actions.

In the room: the secretariat (or the chair) records, for an open ballot,
the meeting, who was present and how each present member voted; the chair
confirms. Confirmation counts the room's votes as the members' votes (a
present member's earlier online vote is replaced; an absent member's online
vote stays), checks quorum on attendance (members present who may vote,
against the ballot's quorum of its eligible seats), and closes the ballot
with its outcome through the same path as online votes: the decision is
recorded, the dossier's transition fires, letters follow.

Outside meetings the chair may close a ballot early once its outcome is
certain, or, once its deadline has passed, record that it lapsed (the
deadline rules: decided on the votes cast, or expired without quorum).

Same lock order as every ballot action: the dossier, then the ballot, then
the meeting record.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import tallies
from ..models import Ballot, Choice, Decision, Meeting, MeetingBallot, MeetingVote
from .ballots import BallotError, _decide, _lock_ballot, _rule, _vote_store, ballot_close_if_due, tally
from .transitions import record_event

SECRETARIAT_PERMISSION = "approvals.add_meetingballot"


def _is_chair(user, ballot: Ballot) -> bool:
    return user.is_authenticated and ballot.committee.chair_id == user.pk


def may_record_meeting_votes(user, ballot: Ballot) -> bool:
    """The committee's chair, or the secretariat on a ballot whose dossier is
    not sensitive (the secretariat never sees emergency cases)."""
    if not user.is_authenticated:
        return False
    if _is_chair(user, ballot):
        return True
    sensitive = getattr(ballot.content_type.model_class(), "sensitive", False)
    return not sensitive and user.has_perm(SECRETARIAT_PERMISSION)


def _member_name(seat) -> str:
    return seat.member.full_name or seat.member.email


@transaction.atomic
def meeting_votes_record(*, meeting_id: int, ballot_id: int, by, votes: dict) -> MeetingBallot:
    """Write down the room's votes on `ballot_id` at `meeting_id`: `votes`
    maps each present member's id to the choice they gave (abstaining
    included); absent members are left out. May be corrected until the chair
    confirms; nothing is counted before."""
    dossier, ballot = _lock_ballot(ballot_id)
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    if not may_record_meeting_votes(by, ballot):
        raise BallotError(_("Seuls le secrétariat et la présidence du comité enregistrent les votes en séance."), status=403)
    if meeting.committee_id != ballot.committee_id:
        raise BallotError(_("Ce scrutin n'est pas soumis au comité de cette réunion."), status=400)
    if not ballot.is_open:
        raise BallotError(_("Ce scrutin est clos : ses votes ne peuvent plus être enregistrés."))
    record = MeetingBallot.objects.select_for_update().filter(meeting=meeting, ballot=ballot).first()
    if record is not None and record.is_confirmed:
        raise BallotError(_("Ces votes sont déjà confirmés par la présidence : ils ne peuvent plus être modifiés."))
    seats = {seat.member_id: seat for seat in ballot.seats.select_related("member")}
    for member_id, choice in votes.items():
        if choice not in Choice.values:
            raise BallotError(_("Choix de vote inconnu."), status=400)
        seat = seats.get(member_id)
        if seat is None:
            raise BallotError(_("Seuls les membres qui siègent dans ce scrutin peuvent y voter."), status=403)
        if seat.is_recused:
            raise BallotError(
                _("%(name)s est récusé·e pour ce scrutin : son vote ne peut pas être compté.") % {"name": _member_name(seat)},
                status=403,
            )
    if not votes:
        raise BallotError(_("Indiquez au moins un membre présent et son vote."), status=400)
    if record is None:
        record = MeetingBallot.objects.create(meeting=meeting, ballot=ballot, recorded_by=by)
    else:
        record.recorded_by = by
        record.recorded_at = timezone.now()
        record.save(update_fields=["recorded_by", "recorded_at"])
        record.votes.all().delete()
    MeetingVote.objects.bulk_create(
        [MeetingVote(record=record, member_id=member_id, choice=choice) for member_id, choice in sorted(votes.items())]
    )
    record_event(
        dossier,
        by=by,
        comment=_("Votes en séance enregistrés (%(meeting)s) : %(count)d membre(s) présent(s), en attente de confirmation par la présidence.")
        % {"meeting": meeting.reference, "count": len(votes)},
    )
    return record


@transaction.atomic
def meeting_votes_confirm(*, record_id: int, by) -> MeetingBallot:
    """The chair confirms the room's votes: they are counted and the ballot
    closes with its outcome. Confirming again changes nothing."""
    ballot_id = MeetingBallot.objects.values_list("ballot_id", flat=True).get(pk=record_id)
    dossier, ballot = _lock_ballot(ballot_id)
    record = MeetingBallot.objects.select_for_update().select_related("meeting").get(pk=record_id)
    if not _is_chair(by, ballot):
        raise BallotError(_("Seule la présidence du comité confirme les votes en séance."), status=403)
    if record.is_confirmed:
        return record
    if not ballot.is_open:
        raise BallotError(_("Ce scrutin est déjà clos : les votes en séance ne peuvent plus y être comptés."))
    seats = {seat.member_id: seat for seat in ballot.seats.select_related("member")}
    votes = list(record.votes.all())
    for vote in votes:
        seat = seats.get(vote.member_id)
        if seat is None or seat.is_recused:
            raise BallotError(
                _("Un membre noté présent s'est récusé depuis l'enregistrement : le secrétariat doit corriger les votes en séance.")
            )
    eligible = sum(1 for seat in seats.values() if not seat.is_recused)
    needed = tallies.quorum_needed(eligible, ballot.quorum_percent)
    if len(votes) < needed:
        raise BallotError(
            _("Quorum non atteint en séance : %(present)d membre(s) présent(s) pouvant voter, %(needed)d requis. Le scrutin reste ouvert.")
            % {"present": len(votes), "needed": needed}
        )
    for vote in votes:
        _vote_store(ballot, member=vote.member, choice=vote.choice, meeting=record.meeting)
    counted = tally(ballot)
    result = tallies.outcome(counted["counts"], **_rule(ballot, counted))
    if result is None:
        raise BallotError(_("Aucun vote exprimé : la séance ne peut pas trancher ce scrutin. Il reste ouvert."))
    record_event(
        dossier,
        by=by,
        comment=_("Votes en séance confirmés par la présidence (%(meeting)s).") % {"meeting": record.meeting.reference},
    )
    decision = _decide(
        dossier,
        ballot,
        result,
        rationale=_("Décision prise en séance : %(title)s (%(meeting)s).")
        % {"title": record.meeting.title, "meeting": record.meeting.reference},
    )
    _decided_by(decision, by)
    record.meeting.decisions.add(decision)
    record.meeting.attendees.add(*[vote.member_id for vote in votes])
    # The decision is recorded against the ballot's agenda item, when it has one.
    record.meeting.agenda_items.filter(ballot=ballot, decision__isnull=True).update(decision=decision)
    record.confirmed_by = by
    record.confirmed_at = decision.decided_at
    record.decision = decision
    record.save(update_fields=["confirmed_by", "confirmed_at", "decision"])
    return record


def _decided_by(decision: Decision, by) -> None:
    decision.decided_by = by
    decision.save(update_fields=["decided_by"])


@transaction.atomic
def ballot_close_early(*, ballot_id: int, by) -> Decision:
    """The chair closes a ballot before its deadline, only when no vote still
    expected can change its outcome."""
    dossier, ballot = _lock_ballot(ballot_id)
    if not _is_chair(by, ballot):
        raise BallotError(_("Seule la présidence du comité peut clore un scrutin."), status=403)
    if not ballot.is_open:
        raise BallotError(_("Ce scrutin est déjà clos."))
    counted = tally(ballot)
    result = tallies.certain_outcome(counted["counts"], **_rule(ballot, counted))
    if result is None:
        raise BallotError(
            _("L'issue de ce scrutin n'est pas encore certaine : les votes attendus peuvent la changer. Il reste ouvert.")
        )
    record_event(dossier, by=by, comment=_("Scrutin n° %(id)s clos par la présidence, son issue étant certaine.") % {"id": ballot.pk})
    decision = _decide(dossier, ballot, result, rationale=_("Clos par anticipation : l'issue était certaine."))
    _decided_by(decision, by)
    return decision


@transaction.atomic
def ballot_lapse(*, ballot_id: int, by, now=None) -> Ballot:
    """At or after its deadline, the chair records that the ballot ended:
    decided on the votes cast if they reach quorum, else expired without
    quorum (the rules of the deadline, without waiting for the timer)."""
    now = now or timezone.now()
    dossier, ballot = _lock_ballot(ballot_id)
    if not _is_chair(by, ballot):
        raise BallotError(_("Seule la présidence du comité peut constater l'échéance d'un scrutin."), status=403)
    if not ballot.is_open:
        return ballot
    if ballot.deadline > now:
        raise BallotError(
            _("L'échéance de ce scrutin n'est pas encore passée (%(deadline)s) : il reste ouvert.")
            % {"deadline": timezone.localtime(ballot.deadline).strftime("%d/%m/%Y %H:%M")}
        )
    record_event(dossier, by=by, comment=_("Échéance du scrutin n° %(id)s constatée par la présidence.") % {"id": ballot.pk})
    return ballot_close_if_due(ballot_id=ballot.pk, now=now)


__all__ = [
    "ballot_close_early",
    "ballot_lapse",
    "may_record_meeting_votes",
    "meeting_votes_confirm",
    "meeting_votes_record",
]
