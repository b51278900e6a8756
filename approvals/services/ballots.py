"""Committee ballots: open, vote, recuse, close, decide.

Lock order, everywhere: the dossier row, then the ballot row. Voting and
transitions on the same dossier thus queue behind each other and never
deadlock; exactly one decision is recorded per ballot.
"""

import logging
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Ballot, Choice, Committee, Decision, Seat, Threshold, Vote, next_reference
from .. import tallies
from ..access import grant
from .notifications import notify
from .outbox import enqueue
from .transitions import TransitionRefused, perform, record_event


log = logging.getLogger(__name__)


class BallotError(TransitionRefused):
    """A ballot action that may not happen; nothing was changed."""


def _lock_dossier(ballot_or_ct, object_id=None):
    if isinstance(ballot_or_ct, Ballot):
        model = ballot_or_ct.content_type.model_class()
        object_id = ballot_or_ct.object_id
    else:
        model = ballot_or_ct
    return model.objects.select_for_update().get(pk=object_id)


def _committee_member_ids(committee: Committee) -> set[int]:
    ids = set(committee.members.values_list("pk", flat=True))
    if committee.chair_id:
        ids.add(committee.chair_id)
    return ids


def may_open_ballot(user, committee: Committee) -> bool:
    return user.is_authenticated and (committee.chair_id == user.pk or user.has_perm("approvals.add_ballot"))


@transaction.atomic
def ballot_open(
    *,
    dossier,
    committee: Committee,
    question: str,
    by=None,
    threshold: str | None = None,
    quorum_percent: int | None = None,
    deadline=None,
    proposed_amount=None,
    currency: str = "",
    conditions: str = "",
    seat_ids=None,
    decision_transitions: dict | None = None,
) -> Ballot:
    """Ask `committee` to decide on `dossier`.

    Seats go to the committee's members and chair (or `seat_ids`, e.g. the
    chair alone for a fast track); members tied to the dossier are recused
    automatically. `by=None` means the engine or a domain service opens it.
    """
    if by is not None and not may_open_ballot(by, committee):
        raise BallotError(_("Seule la présidence du comité peut ouvrir un scrutin."), status=403)
    dossier = _lock_dossier(type(dossier), dossier.pk)
    content_type = ContentType.objects.get_for_model(type(dossier))
    if Ballot.objects.filter(
        committee=committee, content_type=content_type, object_id=dossier.pk, status=Ballot.Status.OPEN
    ).exists():
        raise BallotError(_("Un scrutin est déjà ouvert sur ce dossier pour ce comité."))
    members = set(seat_ids) if seat_ids is not None else _committee_member_ids(committee)
    if not members:
        raise BallotError(_("Ce comité n'a aucun membre : ajoutez-en avant d'ouvrir un scrutin."))
    ballot = Ballot.objects.create(
        committee=committee,
        question=question,
        content_type=content_type,
        object_id=dossier.pk,
        dossier_reference=dossier.reference,
        threshold=threshold or committee.default_threshold,
        quorum_percent=quorum_percent or committee.default_quorum_percent,
        deadline=deadline or timezone.now() + timedelta(days=committee.default_ballot_days),
        proposed_amount=proposed_amount,
        currency=currency,
        conditions=conditions,
        decision_transitions=decision_transitions or {},
        opened_by=by,
    )
    tied = dossier.tied_user_ids()
    now = timezone.now()
    Seat.objects.bulk_create(
        [
            Seat(
                ballot=ballot,
                member_id=member_id,
                recused_at=now if member_id in tied else None,
                recusal_reason=_("Lié au dossier (organisation concernée, partenaire ou référent).") if member_id in tied else "",
                recused_automatically=member_id in tied,
            )
            for member_id in sorted(members)
        ]
    )
    record_event(
        dossier,
        by=by,
        comment=_("Scrutin ouvert : %(question)s (%(committee)s)") % {"question": question, "committee": committee.name},
    )
    eligible = set(ballot.seats.filter(recused_at__isnull=True).values_list("member_id", flat=True))
    # Those asked to decide may read the dossier; recused members may not.
    for member in get_user_model().objects.filter(pk__in=eligible):
        grant(member, dossier, "view")
    notify(
        eligible,
        "ballot.opened",
        {"reference": dossier.reference, "ballot": ballot.pk, "deadline": ballot.deadline.isoformat()},
        url=ballot.get_absolute_url(),
        sensitive=type(dossier).sensitive,
    )
    if not eligible:
        raise BallotError(_("Tous les membres du comité sont récusés : ce scrutin ne peut pas avoir lieu."))
    return ballot


def _lock_ballot(ballot_id: int) -> tuple[object, Ballot]:
    """Lock the dossier, then the ballot (the one lock order)."""
    ballot = Ballot.objects.select_related("content_type").get(pk=ballot_id)
    dossier = _lock_dossier(ballot)
    ballot = Ballot.objects.select_for_update().select_related("committee").get(pk=ballot_id)
    return dossier, ballot


@transaction.atomic
def vote_cast(*, ballot_id: int, by, choice: str, comment: str = "") -> Vote:
    """Record or change `by`'s vote; close the ballot if its outcome is now certain."""
    if choice not in Choice.values:
        raise BallotError(_("Choix de vote inconnu."), status=400)
    dossier, ballot = _lock_ballot(ballot_id)
    if not ballot.is_open:
        raise BallotError(_("Ce scrutin est clos : les votes ne sont plus modifiables."))
    seat = ballot.seats.filter(member=by).first()
    if seat is None:
        raise BallotError(_("Vous ne siégez pas dans ce scrutin."), status=403)
    if seat.is_recused:
        raise BallotError(_("Vous êtes récusé·e pour ce scrutin : votre vote ne peut pas être compté."), status=403)
    vote = _vote_store(ballot, member=by, choice=choice, comment=comment)
    _close_if_certain(dossier, ballot)
    return vote


def _vote_store(ballot: Ballot, *, member, choice: str, comment: str = "", meeting=None) -> Vote:
    """Record or change one member's vote (seat already checked, ballot locked)."""
    vote, created = Vote.objects.get_or_create(
        ballot=ballot, member=member, defaults={"choice": choice, "comment": comment, "meeting": meeting}
    )
    if not created:
        vote.choice = choice
        vote.comment = comment
        vote.meeting = meeting
        vote.changed_at = timezone.now()
        vote.save(update_fields=["choice", "comment", "meeting", "changed_at"])
    return vote


@transaction.atomic
def conflict_declare(*, ballot_id: int, by, reason: str) -> Seat:
    """A member steps aside; a vote already cast is withdrawn."""
    reason = (reason or "").strip()
    if not reason:
        raise BallotError(_("Indiquez le motif du conflit d'intérêts."), status=400)
    dossier, ballot = _lock_ballot(ballot_id)
    if not ballot.is_open:
        raise BallotError(_("Ce scrutin est clos."))
    seat = ballot.seats.filter(member=by).first()
    if seat is None:
        raise BallotError(_("Vous ne siégez pas dans ce scrutin."), status=403)
    if not seat.is_recused:
        seat.recused_at = timezone.now()
        seat.recusal_reason = reason[:300]
        seat.save(update_fields=["recused_at", "recusal_reason"])
        Vote.objects.filter(ballot=ballot, member=by).delete()
        record_event(dossier, by=by, comment=_("Conflit d'intérêts déclaré dans le scrutin n° %(id)s.") % {"id": ballot.pk})
        _close_if_certain(dossier, ballot)
    return seat


def tally(ballot: Ballot) -> dict:
    eligible = ballot.seats.filter(recused_at__isnull=True).count()
    votes = list(Vote.objects.filter(ballot=ballot).order_by("cast_at", "id").values_list("choice", flat=True))
    counts = tallies.Counts.of(votes)
    first_expressed = next((choice for choice in votes if choice != Choice.ABSTAIN), None)
    return {
        "counts": counts,
        "eligible": eligible,
        "quorum": tallies.quorum_needed(eligible, ballot.quorum_percent),
        "first_expressed": first_expressed,
    }


def _rule(ballot, t):
    return {
        "eligible": t["eligible"],
        "threshold": ballot.threshold,
        "quorum_percent": ballot.quorum_percent,
        "first_expressed": t["first_expressed"],
    }


def _close_if_certain(dossier, ballot: Ballot) -> Decision | None:
    t = tally(ballot)
    result = tallies.certain_outcome(t["counts"], **_rule(ballot, t))
    if result is None:
        return None
    return _decide(dossier, ballot, result)


def _decide(dossier, ballot: Ballot, result, *, rationale: str = "") -> Decision:
    now = timezone.now()
    ballot.status = Ballot.Status.DECIDED
    ballot.outcome = result
    ballot.closed_at = now
    ballot.save(update_fields=["status", "outcome", "closed_at"])
    decision = Decision.objects.create(
        reference=next_reference(ballot.committee.decision_prefix, digits=3),
        committee=ballot.committee,
        ballot=ballot,
        content_type=ballot.content_type,
        object_id=ballot.object_id,
        dossier_reference=ballot.dossier_reference,
        outcome=result,
        conditions=ballot.conditions,
        amount=ballot.proposed_amount if result == "approve" else None,
        currency=ballot.currency if result == "approve" else "",
        rationale=rationale,
        decided_at=now,
    )
    comment = _("Décision %(reference)s : %(outcome)s") % {
        "reference": decision.reference,
        "outcome": decision.get_outcome_display(),
    }
    record_event(dossier, comment=comment)
    notify(
        _committee_member_ids(ballot.committee),
        "ballot.decided",
        {"reference": dossier.reference, "ballot": ballot.pk, "decision": decision.reference},
        url=ballot.get_absolute_url(),
        sensitive=type(dossier).sensitive,
    )
    transition = ballot.decision_transitions.get(result) or type(dossier).decision_transitions.get(result)
    meta = getattr(getattr(type(dossier), transition, None), "_django_fsm", None) if transition else None
    if meta is not None and meta.has_transition(dossier.state):
        perform(dossier, transition, by=None, system=True, comment=comment, decision=decision)
    elif transition:
        record_event(
            dossier,
            comment=_("La décision %(reference)s n'a pas changé l'état du dossier, qui est « %(state)s ».")
            % {"reference": decision.reference, "state": type(dossier).state_label(dossier.state)},
        )
    # Letters (approvals.letters) and any other after-decision work.
    enqueue("decision.recorded", {"decision": decision.pk}, key=f"decision-recorded:{decision.pk}")
    return decision


@transaction.atomic
def ballot_close_if_due(*, ballot_id: int, now=None) -> Ballot:
    """At the deadline: decide on the votes cast, or expire without quorum
    and alert the chair."""
    now = now or timezone.now()
    dossier, ballot = _lock_ballot(ballot_id)
    if not ballot.is_open or ballot.deadline > now:
        return ballot
    t = tally(ballot)
    result = tallies.outcome(t["counts"], **_rule(ballot, t))
    if result is not None:
        _decide(dossier, ballot, result)
        return ballot
    ballot.status = Ballot.Status.EXPIRED
    ballot.closed_at = now
    ballot.save(update_fields=["status", "closed_at"])
    record_event(dossier, comment=_("Scrutin n° %(id)s expiré sans quorum.") % {"id": ballot.pk})
    chair = {ballot.committee.chair_id} if ballot.committee.chair_id else set()
    notify(
        chair,
        "ballot.expired",
        {"reference": dossier.reference, "ballot": ballot.pk},
        url=ballot.get_absolute_url(),
        sensitive=type(dossier).sensitive,
        key=f"ballot-expired:{ballot.pk}",
    )
    return ballot


@transaction.atomic
def ballot_cancel(*, ballot_id: int, by=None, reason: str = "") -> Ballot:
    dossier, ballot = _lock_ballot(ballot_id)
    if by is not None and not may_open_ballot(by, ballot.committee):
        raise BallotError(_("Seule la présidence du comité peut annuler un scrutin."), status=403)
    if ballot.is_open:
        ballot.status = Ballot.Status.CANCELLED
        ballot.closed_at = timezone.now()
        ballot.save(update_fields=["status", "closed_at"])
        record_event(dossier, by=by, comment=_("Scrutin n° %(id)s annulé. %(reason)s") % {"id": ballot.pk, "reason": reason})
    return ballot


def open_ballots_cancel(*, dossier, reason: str, by=None) -> int:
    """Cancel every ballot of this dossier still open (the dossier left the
    state its ballots were deciding); how many were cancelled."""
    from ..selectors import open_ballots_for_dossier

    cancelled = 0
    for ballot_id in open_ballots_for_dossier(dossier).values_list("pk", flat=True):
        if ballot_cancel(ballot_id=ballot_id, by=by, reason=str(reason)).status == Ballot.Status.CANCELLED:
            cancelled += 1
    return cancelled


def close_due_ballots(now=None) -> int:
    """Close every ballot past its deadline. One that cannot close (its
    decision is refused, e.g. a fund too small) stays open, is logged, and
    does not stop the others."""
    closed = 0
    for ballot_id in due_ballot_ids(now):
        try:
            ballot_close_if_due(ballot_id=ballot_id, now=now)
        except TransitionRefused:
            log.warning("Ballot %s could not close at its deadline; it stays open.", ballot_id)
            continue
        closed += 1
    return closed


def due_ballot_ids(now=None) -> list[int]:
    now = now or timezone.now()
    return list(Ballot.objects.filter(status=Ballot.Status.OPEN, deadline__lte=now).values_list("pk", flat=True))


__all__ = [
    "BallotError",
    "Threshold",
    "ballot_cancel",
    "ballot_close_if_due",
    "ballot_open",
    "close_due_ballots",
    "conflict_declare",
    "due_ballot_ids",
    "open_ballots_cancel",
    "tally",
    "vote_cast",
]
