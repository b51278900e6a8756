"""Letters: the reads, scoped in SQL to what the user may see."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from ..access import visible
from ..models import Ballot, Decision, Letter, LetterBatchItem, Meeting
from ..registry import dossier_models

# How far back the decisions offered for a meeting's minutes go.
MEETING_DECISION_DAYS = 180


def letters_for_dossier(dossier):
    content_type = ContentType.objects.get_for_model(type(dossier))
    return (
        Letter.objects.filter(content_type=content_type, object_id=dossier.pk)
        .select_related("decision__committee")
        .order_by("issued_at", "id")
    )


def _non_sensitive_content_types():
    models = [model for model in dossier_models() if not model.sensitive]
    return list(ContentType.objects.get_for_models(*models).values()) if models else []


def decisions_for_letters(user):
    """Decisions whose letters the user may (re)generate: those of the
    committees they chair; for administrators (approvals.add_letterbatch)
    also every decision on a non-sensitive dossier. Each row carries its
    letter's reference, revision and PDF status (one query for the page)."""
    if not user.is_authenticated:
        return Decision.objects.none()
    allowed = Q(committee__chair=user)
    if user.has_perm("approvals.add_letterbatch"):
        allowed |= Q(content_type__in=_non_sensitive_content_types())
    letters = Letter.objects.filter(decision=OuterRef("pk")).order_by("id")
    return (
        Decision.objects.filter(allowed)
        .select_related("committee")
        .annotate(
            letter_reference=Subquery(letters.values("reference")[:1]),
            letter_revision=Subquery(letters.values("revision")[:1]),
            letter_pdf_status=Subquery(letters.values("pdf_status")[:1]),
            letter_render_status=Subquery(letters.values("render_status")[:1]),
            letter_render_error=Subquery(letters.values("render_error")[:1]),
        )
        .order_by("-decided_at", "-id")
    )


def batch_progress(batch) -> dict:
    """How far a batch has got, in one query."""
    status = LetterBatchItem.Status
    counts = batch.items.aggregate(
        total=Count("id"),
        done=Count("id", filter=Q(status=status.DONE)),
        skipped=Count("id", filter=Q(status=status.SKIPPED)),
        failed=Count("id", filter=Q(status=status.FAILED)),
    )
    counts["finished"] = counts["done"] + counts["skipped"] + counts["failed"]
    counts["complete"] = counts["finished"] >= counts["total"]
    counts["percent"] = round(100 * counts["finished"] / counts["total"]) if counts["total"] else 100
    return counts


def _sensitive_content_types():
    models = [model for model in dossier_models() if model.sensitive]
    return list(ContentType.objects.get_for_models(*models).values()) if models else []


def committees_with_sensitive_ballots():
    """Committees that have voted on a sensitive dossier (the emergency
    committee): their meetings stay with their members."""
    return Ballot.objects.filter(content_type__in=_sensitive_content_types()).values("committee_id")


def is_secretariat_for(user, committee) -> bool:
    """The secretariat (approvals.view_meetingballot) follows the meetings of
    committees that never voted on a sensitive dossier."""
    return (
        user.is_authenticated
        and user.has_perm("approvals.view_meetingballot")
        and not committees_with_sensitive_ballots().filter(committee_id=committee.pk).exists()
    )


def meetings_for(user):
    """Meetings of the committees the user sits on or chairs; for the
    secretariat also those of committees without sensitive dossiers."""
    if not user.is_authenticated:
        return Meeting.objects.none()
    allowed = Q(committee__chair=user) | Q(committee__members=user)
    if user.has_perm("approvals.view_meetingballot"):
        allowed |= ~Q(committee__in=committees_with_sensitive_ballots())
    return (
        Meeting.objects.filter(allowed)
        .select_related("committee")
        .distinct()
        .order_by("-date", "-id")
    )


def meeting_member_choices(meeting):
    """Who can be marked present: the committee's members and its chair."""
    committee = meeting.committee
    return (
        get_user_model()
        .objects.filter(Q(committees=committee) | Q(pk=committee.chair_id or 0))
        .distinct()
        .order_by("full_name", "email")
    )


def meeting_decision_choices(meeting):
    """Decisions that may go into the minutes: the committee's recent ones,
    and any already attached."""
    since = meeting.date - timezone.timedelta(days=MEETING_DECISION_DAYS)
    return (
        Decision.objects.filter(committee=meeting.committee)
        .filter(Q(decided_at__date__gte=since) | Q(meetings=meeting))
        .distinct()
        .order_by("-decided_at", "-id")
    )


def meeting_agenda(meeting, *, user=None) -> list[dict]:
    """The agenda: the committee's open ballots, then the dossiers waiting
    for it that have no open ballot yet.

    A dossier kind says which of its states wait for a committee with the
    optional class attribute `committee_states = {"copil": ("copil_review",)}`
    (committee code -> states). With `user`, only dossiers they may view.
    """
    committee = meeting.committee
    items = []
    ballots = list(Ballot.objects.filter(committee=committee, status=Ballot.Status.OPEN).order_by("deadline", "id"))
    for ballot in ballots:
        items.append({
            "label": f"{ballot.dossier_reference} — {ballot.question}", "url": ballot.get_absolute_url(),
            "kind": "ballot", "ballot": ballot.pk, "reference": ballot.dossier_reference,
        })
    balloted = {(ballot.content_type_id, ballot.object_id) for ballot in ballots}
    for model in dossier_models():
        states = getattr(model, "committee_states", {}).get(committee.code)
        if not states:
            continue
        waiting = model.objects.filter(state__in=list(states)).order_by("created_at")
        if user is not None:
            waiting = visible(user, waiting)
        content_type = ContentType.objects.get_for_model(model)
        for dossier in waiting[:100]:
            if (content_type.pk, dossier.pk) in balloted:
                continue
            items.append({
                "label": f"{dossier.reference} — {model.kind_label}", "url": dossier.get_absolute_url(),
                "kind": "dossier", "reference": dossier.reference,
            })
    return items


def meeting_open_ballots(meeting, *, user):
    """The committee's open ballots the user may record room votes on, each
    with the meeting's record of it (or None)."""
    from ..services import may_record_meeting_votes
    from ..models import MeetingBallot

    ballots = list(
        Ballot.objects.filter(committee=meeting.committee, status=Ballot.Status.OPEN)
        .select_related("committee", "content_type")
        .order_by("deadline", "id")
    )
    records = {record.ballot_id: record for record in MeetingBallot.objects.filter(meeting=meeting)}
    return [(ballot, records.get(ballot.pk)) for ballot in ballots if may_record_meeting_votes(user, ballot)]


def meeting_records(meeting):
    """The ballots taken at this meeting, confirmed or waiting for the chair."""
    from ..models import MeetingBallot

    return (
        MeetingBallot.objects.filter(meeting=meeting)
        .select_related("ballot", "decision", "recorded_by", "confirmed_by")
        .order_by("recorded_at", "id")
    )


def meeting_committee_quorum(meeting, *, also_present=()) -> dict:
    """Quorum on attendance of a committee meeting: the committee's members
    (and chair) noted present, with `also_present` (those voting in the
    room), against the committee's quorum of its members."""
    from .. import tallies

    committee = meeting.committee
    members = set(meeting_member_choices(meeting).values_list("pk", flat=True))
    present = (set(meeting.attendees.values_list("pk", flat=True)) | set(also_present)) & members
    needed = tallies.quorum_needed(len(members), committee.default_quorum_percent)
    return {"present": len(present), "eligible": len(members), "needed": needed, "met": len(present) >= needed}
