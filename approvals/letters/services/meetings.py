"""Committee meetings: agenda, attendance, decisions taken, minutes."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from ...models import Letter, Meeting, MeetingAgendaItem, Outcome, next_reference
from ...services import enqueue
from ..permissions import may_run_meetings
from ..rendering import plain
from ..selectors import meeting_agenda, meeting_decision_choices, meeting_member_choices
from .common import LetterError, _engine_context, _format_date, _new_letter, _write, current_template


# --- meetings and their minutes ----------------------------------------------------------------------


def _local_date(starts_at, time_zone: str):
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise LetterError(_("Fuseau horaire inconnu : %(name)s.") % {"name": time_zone}, status=400) from None
    return starts_at.astimezone(zone).date()


@transaction.atomic
def meeting_create(
    *, by, committee, title: str, kind: str, date=None, place: str = "", starts_at=None, time_zone: str = "",
    duration_minutes: int = 120, link: str = "",
) -> Meeting:
    """A meeting of the committee. `starts_at` (aware) gives the date, read
    in `time_zone` (the organiser's); without it the meeting has a date only."""

    if not may_run_meetings(by, committee):
        raise LetterError(_("Seule la présidence du comité peut organiser ses réunions."), status=403)
    time_zone = time_zone or settings.TIME_ZONE
    if starts_at is not None:
        date = _local_date(starts_at, time_zone)
    if date is None:
        raise LetterError(_("Indiquez la date de la réunion."), status=400)
    meeting = Meeting.objects.create(
        reference=next_reference(f"PV-{committee.decision_prefix}", digits=3),
        committee=committee,
        title=title.strip(),
        kind=kind,
        date=date,
        starts_at=starts_at,
        time_zone=time_zone,
        duration_minutes=duration_minutes or 120,
        place=place.strip(),
        link=link.strip(),
        created_by=by,
    )
    _agenda_compile(meeting, by=by)
    return meeting


def _agenda_compile(meeting: Meeting, *, by) -> None:
    """Bring the items that come from the engine (open ballots, dossiers
    waiting for the committee) up to date: those still pending stay (with
    what was decided on them), new ones are added, those no longer pending
    leave unless something was decided on them; free items stay."""
    # A plenary's agenda is its own: the committee's dossiers are not read out to the network.
    engine = [] if meeting.is_plenary else meeting_agenda(meeting, user=by)
    existing = list(meeting.agenda_items.order_by("position", "id"))
    by_key = {}
    for item in existing:
        if item.kind != MeetingAgendaItem.Kind.FREE:
            by_key[("ballot", item.ballot_id) if item.ballot_id else ("dossier", item.dossier_reference)] = item
    ordered, seen = [], set()
    for pending in engine:
        key = ("ballot", pending["ballot"]) if pending.get("ballot") else ("dossier", pending["reference"])
        if key in seen:
            continue
        seen.add(key)
        item = by_key.get(key) or MeetingAgendaItem(
            meeting=meeting, kind=pending["kind"], ballot_id=pending.get("ballot"), dossier_reference=pending["reference"],
        )
        item.label, item.url = pending["label"][:300], pending["url"]
        ordered.append(item)
    kept_ids = {item.pk for item in ordered if item.pk}
    decided = [
        item for item in existing
        if item.kind != MeetingAgendaItem.Kind.FREE and item.pk not in kept_ids and (item.decision_id or item.outcome)
    ]
    free = [item for item in existing if item.kind == MeetingAgendaItem.Kind.FREE]
    everything = decided + ordered + free
    keep = {item.pk for item in everything if item.pk}
    meeting.agenda_items.exclude(pk__in=keep).delete()
    # Positions are unique: park the kept rows out of the way, then number everything.
    for offset, pk in enumerate(sorted(keep), start=1):
        MeetingAgendaItem.objects.filter(pk=pk).update(position=10000 + offset)
    for position, item in enumerate(everything, start=1):
        item.position = position
        if item.pk:
            MeetingAgendaItem.objects.filter(pk=item.pk).update(position=position, label=item.label, url=item.url)
    MeetingAgendaItem.objects.bulk_create([item for item in everything if item.pk is None])
    meeting.agenda = [item.label for item in everything]
    meeting.save(update_fields=["agenda"])


@transaction.atomic
def meeting_agenda_refresh(*, meeting_id: int, by) -> Meeting:
    """Compile the agenda again from the ballots and dossiers waiting now."""

    meeting = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting_id)
    if not may_run_meetings(by, meeting.committee):
        raise LetterError(_("Seule la présidence du comité peut organiser ses réunions."), status=403)
    _agenda_compile(meeting, by=by)
    return meeting


@transaction.atomic
def meeting_agenda_item_add(*, meeting_id: int, by, label: str) -> MeetingAgendaItem:
    """A free item (other business), at the end of the agenda."""
    meeting = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting_id)
    if not may_run_meetings(by, meeting.committee):
        raise LetterError(_("Seule la présidence du comité peut organiser ses réunions."), status=403)
    label = label.strip()
    if not label:
        raise LetterError(_("Donnez un intitulé au point."), status=400)
    last = meeting.agenda_items.order_by("-position").values_list("position", flat=True).first() or 0
    item = MeetingAgendaItem.objects.create(meeting=meeting, position=last + 1, kind=MeetingAgendaItem.Kind.FREE, label=label[:300])
    meeting.agenda = [*meeting.agenda, item.label]
    meeting.save(update_fields=["agenda"])
    return item


@transaction.atomic
def meeting_agenda_item_decide(*, item_id: int, by, outcome: str) -> MeetingAgendaItem:
    """What the session decided on an item, in words (a ballot's decision is
    attached by the chair's confirmation of the room's votes)."""
    item = MeetingAgendaItem.objects.select_for_update().select_related("meeting__committee").get(pk=item_id)
    if not may_run_meetings(by, item.meeting.committee):
        raise LetterError(_("Seule la présidence du comité consigne les décisions de la séance."), status=403)
    item.outcome = outcome.strip()
    item.save(update_fields=["outcome"])
    return item


@transaction.atomic
def meeting_record(*, meeting_id: int, by, attendee_ids, decision_ids, notes: str = "") -> Meeting:
    """Attendance, the decisions taken in session and the other business."""

    meeting = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting_id)
    if not may_run_meetings(by, meeting.committee):
        raise LetterError(_("Seule la présidence du comité peut organiser ses réunions."), status=403)
    attendees = set(attendee_ids)
    decisions = set(decision_ids)
    if not attendees <= set(meeting_member_choices(meeting).values_list("pk", flat=True)):
        raise LetterError(_("Seuls les membres du comité peuvent être notés présents."))
    if not decisions <= set(meeting_decision_choices(meeting).values_list("pk", flat=True)):
        raise LetterError(_("Seules les décisions de ce comité peuvent figurer au procès-verbal."))
    meeting.attendees.set(attendees)
    meeting.decisions.set(decisions)
    meeting.notes = notes
    meeting.save(update_fields=["notes"])
    return meeting


def _minutes_letter(meeting: Meeting) -> Letter | None:
    return Letter.objects.filter(source_key=f"meeting:{meeting.pk}").first()


@transaction.atomic
def meeting_minutes_request(*, meeting_id: int, by, language: str) -> bool:
    """Ask for the minutes (procès-verbal), rendered in the background.

    Each request makes one new revision; a second click while the first is
    waiting adds nothing. Returns whether a new request was queued.
    """

    meeting = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting_id)
    if not may_run_meetings(by, meeting.committee):
        raise LetterError(_("Seule la présidence du comité peut produire le procès-verbal."), status=403)
    if language not in {code for code, _label in settings.LANGUAGES}:
        raise LetterError(_("Langue inconnue : %(language)s.") % {"language": language})
    letter = _minutes_letter(meeting)
    revision = letter.revision if letter else 0
    # After a failed render the revision stays: a new request is always queued.
    failed = letter is not None and letter.render_status == Letter.RenderStatus.FAILED
    message = enqueue(
        "letter.minutes",
        {"meeting": meeting.pk, "language": language, "revision": revision, "by": by.pk},
        key=None if failed else f"minutes:{meeting.pk}:{revision}",
    )
    return message is not None


# Additions to a meeting's minutes from the apps that know more of it
# (governance: attendance per organisation, the assembly's resolutions):
# fn(meeting, context) -> dict of keys to replace, run under the letter's language.
_minutes_hooks = []


def register_minutes_hook(function):
    _minutes_hooks.append(function)
    return function


def _agenda_lines(meeting: Meeting) -> list[str]:
    items = list(meeting.agenda_items.select_related("decision").order_by("position"))
    if not items:
        return list(meeting.agenda)
    lines = []
    for item in items:
        line = f"{item.position}. {item.label}"
        if item.decision_id:
            line += " — " + _("Décision %(reference)s : %(outcome)s") % {
                "reference": item.decision.reference, "outcome": Outcome(item.decision.outcome).label,
            }
        if item.outcome:
            line += " — " + item.outcome
        lines.append(line)
    return lines


def _minutes_context(meeting: Meeting, decisions) -> dict:
    members = list(meeting.committee.members.all())
    if meeting.committee.chair_id and all(m.pk != meeting.committee.chair_id for m in members):
        members.append(meeting.committee.chair)
    present = {user.pk for user in meeting.attendees.all()}
    return {
        "recipient_name": str(meeting.committee.chair) if meeting.committee.chair_id else meeting.committee.name,
        "dossier_reference": meeting.reference,
        "dossier_title": meeting.title,
        "committee_name": meeting.committee.name,
        "meeting_title": meeting.title,
        "meeting_kind": str(Meeting.Kind(meeting.kind).label),
        "meeting_date": _format_date(meeting.date),
        "meeting_place": meeting.place,
        "attendees": sorted(str(m) for m in members if m.pk in present),
        "absentees": sorted(str(m) for m in members if m.pk not in present),
        "agenda": _agenda_lines(meeting),
        "decisions": [
            {"reference": d.reference, "dossier": d.dossier_reference, "outcome": str(Outcome(d.outcome).label)}
            for d in decisions
        ],
        "notes": meeting.notes,
    }


@transaction.atomic
def meeting_minutes_issue(*, meeting_id: int, language: str, revision: int, by_id=None) -> Letter | None:
    """Render the minutes once per request (`revision` is the one the
    request saw: a repeated delivery finds it already done)."""
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("committee", "committee__chair").get(pk=meeting_id)
    source_key = f"meeting:{meeting.pk}"
    letter = Letter.objects.select_for_update().filter(source_key=source_key).first()
    if (letter.revision if letter else 0) != revision:
        return letter
    template = current_template("meeting_minutes", language)
    if letter is None:
        letter = _new_letter(source_key=source_key, kind="meeting_minutes", meeting=meeting)
        letter.dossier_reference = meeting.reference
    # Minutes that record a decision on a sensitive dossier stay with the committee.
    letter.sensitive = any(
        getattr(d.content_type.model_class(), "sensitive", False) for d in meeting.decisions.select_related("content_type")
    )
    from django.contrib.auth import get_user_model

    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    decisions = list(meeting.decisions.order_by("decided_at", "id"))
    with translation.override(template.language):
        minutes = _minutes_context(meeting, decisions)
        for hook in _minutes_hooks:
            minutes.update(hook(meeting, minutes))
        context = {**_engine_context(letter, language=template.language, decision=None), **plain(minutes)}
    return _write(letter, template=template, context=context, recipient=meeting.committee.chair, by=by)
