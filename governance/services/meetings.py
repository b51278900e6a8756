"""Meetings for the whole network: invitations (with an .ics), reminders,
attendance per person and per member organisation, quorum on attendance.

Mail leaves through the outbox (topic `meeting.mail`, one message per
person, kind and version of the schedule, under a dedupe key), and each
e-mail sent writes a MeetingInvitation row (unique per meeting, person, kind
and version): a second run of the reminders or a second delivery of a
message sends nothing.

The audience: the committee (chair and members) for COPIL meetings; for
online plenaries and the General Assembly also the focal points of every
member organisation in the network (active or suspended), and the
delegates the organisations named.
"""

import datetime as dt
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from approvals import tallies
from approvals.letters.permissions import may_run_meetings
from approvals.letters.selectors import meeting_committee_quorum, meeting_member_choices
from approvals.models import Meeting
from approvals.refusals import Refused
from approvals.services import enqueue
from grants.timezones import reader_time_zone
from members.models import Organisation

from ..models import Delegation, MeetingAttendance, MeetingInvitation

Kind = MeetingInvitation.Kind
# Most imminent first: when several are due, only the nearest is sent.
REMINDERS = ((Kind.REMINDER_1, dt.timedelta(days=1)), (Kind.REMINDER_7, dt.timedelta(days=7)))
NETWORK_STATES = (Organisation.State.ACTIVE, Organisation.State.SUSPENDED)


class MeetingError(Refused):
    """A meeting action that may not happen; nothing was changed."""


# --- audience -----------------------------------------------------------------------------------


def meeting_audience_ids(meeting) -> set[int]:
    """Everyone the meeting concerns: invited before, reminded, reads the minutes."""
    ids = set(meeting_member_choices(meeting).values_list("pk", flat=True))
    if meeting.is_plenary:
        User = get_user_model()
        ids |= set(
            User.objects.filter(organisations__state__in=NETWORK_STATES, is_active=True).values_list("pk", flat=True)
        )
        ids |= set(Delegation.objects.filter(assembly__meeting=meeting).values_list("delegate_id", flat=True))
    return set(get_user_model().objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True))


def in_plenary_audience(user, meeting) -> bool:
    """Registered with approvals: members' focal points read a plenary's minutes."""
    if not meeting.is_plenary or not user.is_authenticated:
        return False
    return (
        Organisation.objects.filter(state__in=NETWORK_STATES, focal_points=user).exists()
        or Delegation.objects.filter(assembly__meeting=meeting, delegate=user).exists()
    )


def meeting_page_url(meeting) -> str:
    """Where an invitee reads the meeting: the members' page for plenaries."""
    if meeting.is_plenary:
        return reverse("governance:meeting", kwargs={"pk": meeting.pk})
    return meeting.get_absolute_url()


# --- the .ics -----------------------------------------------------------------------------------


def meeting_ics(meeting, *, method: str = "REQUEST") -> bytes:
    """One VEVENT: UID stable across reschedulings (SEQUENCE follows them),
    DTSTART/DTEND in UTC, SUMMARY, LOCATION and URL."""
    if meeting.starts_at is None:
        raise MeetingError(_("Indiquez l'heure de début de la réunion avant d'envoyer les invitations."), status=400)
    host = urlparse(settings.RELAIS_SITE_URL).hostname or "relais"
    calendar = Calendar()
    calendar.add("prodid", "-//Relais//Reunions//FR")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("dtstart", meeting.starts_at.astimezone(dt.UTC))
    event.add("dtend", meeting.ends_at.astimezone(dt.UTC))
    event.add("sequence", meeting.schedule_version)
    event.add("summary", meeting.title)
    location = meeting.place or meeting.link
    if location:
        event.add("location", location)
    event.add("url", meeting.link or f"{settings.RELAIS_SITE_URL}{meeting_page_url(meeting)}")
    event.add("description", f"{meeting.reference} · {meeting.committee.name}")
    calendar.add_component(event)
    return calendar.to_ical()


# --- invitations and reminders ------------------------------------------------------------------


def _queue(meeting, person_id: int, kind: str) -> bool:
    version = meeting.schedule_version
    payload = {"meeting": meeting.pk, "person": person_id, "kind": kind, "version": version}
    return enqueue("meeting.mail", payload, key=f"meeting:{meeting.pk}:v{version}:{kind}:{person_id}") is not None


@transaction.atomic
def meeting_invitations_send(*, meeting_id: int, by) -> int:
    """Invite the meeting's audience; those already invited to this version
    of the schedule are not invited again. Returns how many were queued."""
    meeting = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting_id)
    if not may_run_meetings(by, meeting.committee):
        raise MeetingError(_("Seule la présidence du comité envoie les invitations."), status=403)
    if meeting.starts_at is None:
        raise MeetingError(_("Indiquez l'heure de début de la réunion avant d'envoyer les invitations."), status=400)
    return sum(_queue(meeting, person_id, Kind.INVITATION) for person_id in sorted(meeting_audience_ids(meeting)))


def meeting_reminders_send(*, now=None) -> int:
    """Beat: for each meeting to come, remind those invited (7 days, then 1
    day before), the nearest reminder due only, and only to those invited
    before it fell due. Safe to run as often as wanted."""
    now = now or timezone.now()
    horizon = now + max(before for _kind, before in REMINDERS)
    queued = 0
    for meeting in Meeting.objects.filter(starts_at__gt=now, starts_at__lte=horizon).order_by("starts_at"):
        due = next(((kind, before) for kind, before in REMINDERS if meeting.starts_at - before <= now), None)
        if due is None:
            continue
        kind, before = due
        invited = MeetingInvitation.objects.filter(
            meeting=meeting, kind=Kind.INVITATION, schedule_version=meeting.schedule_version,
            sent_at__lt=meeting.starts_at - before,
        ).values_list("person_id", flat=True)
        with transaction.atomic():
            queued += sum(_queue(meeting, person_id, kind) for person_id in sorted(invited))
    return queued


def _when(meeting, person) -> dict:
    """The meeting's date and time in the invitee's time zone and language."""
    zone = reader_time_zone(person)
    start = meeting.starts_at.astimezone(zone)
    end = meeting.ends_at.astimezone(zone)
    return {
        "date": date_format(start, "l j F Y"),
        "start": start.strftime("%H:%M"),
        "end": end.strftime("%H:%M"),
        "zone": str(zone),
    }


def _mail_text(meeting, person, kind: str) -> tuple[str, str]:
    when = _when(meeting, person)
    params = {"title": meeting.title, **when}
    if kind == Kind.INVITATION:
        subject = _("Invitation : %(title)s, %(date)s") % params
        intro = _("Vous êtes invité·e à la réunion « %(title)s ».") % params
    else:
        subject = _("Rappel : %(title)s, %(date)s") % params
        intro = _("Rappel : la réunion « %(title)s » approche.") % params
    lines = [
        intro,
        "",
        _("Type : %(kind)s") % {"kind": Meeting.Kind(meeting.kind).label},
        _("Date : %(date)s, de %(start)s à %(end)s (heure de %(zone)s)") % params,
    ]
    if meeting.place:
        lines.append(_("Lieu : %(place)s") % {"place": meeting.place})
    if meeting.link:
        lines.append(_("Lien de connexion : %(link)s") % {"link": meeting.link})
    lines += ["", _("L'invitation pour votre agenda est jointe (fichier .ics).")]
    return subject, "\n".join(lines)


@transaction.atomic
def meeting_mail_deliver(*, meeting_id: int, person_id: int, kind: str, version: int) -> bool:
    """Send one invitation or reminder, once. A message for an older version
    of the schedule (the meeting moved since) is dropped. Returns whether it went."""
    meeting = Meeting.objects.select_related("committee").filter(pk=meeting_id).first()
    person = get_user_model().objects.filter(pk=person_id, is_active=True).first()
    if meeting is None or person is None or meeting.starts_at is None or meeting.schedule_version != version:
        return False
    _row, created = MeetingInvitation.objects.get_or_create(meeting=meeting, person=person, kind=kind, schedule_version=version)
    if not created or not person.email:
        return False
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        subject, body = _mail_text(meeting, person, kind)
        link = f"{settings.RELAIS_SITE_URL}{meeting_page_url(meeting)}"
        email = EmailMessage(
            subject=f"[{settings.RELAIS_NETWORK['name']}] {subject}",
            body=f"{body}\n\n{link}\n",
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[person.email],
        )
    email.attach(f"{meeting.reference}.ics", meeting_ics(meeting), "text/calendar; method=REQUEST; charset=utf-8")
    email.send()
    return True


@transaction.atomic
def meeting_reschedule(*, meeting_id: int, by, starts_at, duration_minutes: int | None = None, place=None, link=None) -> Meeting:
    """Move the meeting: the schedule's version goes up, so invitations go
    again (the .ics updates the invitee's calendar entry, same UID)."""
    meeting = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting_id)
    if not may_run_meetings(by, meeting.committee):
        raise MeetingError(_("Seule la présidence du comité organise ses réunions."), status=403)
    meeting.starts_at = starts_at
    meeting.date = starts_at.astimezone(ZoneInfo(meeting.time_zone)).date()
    if duration_minutes:
        meeting.duration_minutes = duration_minutes
    if place is not None:
        meeting.place = place
    if link is not None:
        meeting.link = link
    meeting.schedule_version += 1
    meeting.save(update_fields=["starts_at", "date", "duration_minutes", "place", "link", "schedule_version"])
    return meeting


# --- attendance and quorum ----------------------------------------------------------------------


@transaction.atomic
def meeting_attendance_record(*, meeting_id: int, by, entries: list[dict]) -> list[MeetingAttendance]:
    """The attendance sheet, replaced as a whole: each entry is {person,
    organisation (or None), capacity}. Committee members sit as members; an
    organisation's voting representative is its delegate (at a General
    Assembly, the one `delegate_for` names); observers may be anyone."""
    from .assembly import delegate_for, in_good_standing

    meeting = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting_id)
    if not may_run_meetings(by, meeting.committee):
        raise MeetingError(_("Seule la présidence du comité tient la feuille de présence."), status=403)
    assembly = getattr(meeting, "assembly", None) if meeting.kind == Meeting.Kind.GENERAL_ASSEMBLY else None
    members = set(meeting_member_choices(meeting).values_list("pk", flat=True))
    people = get_user_model().objects.in_bulk([entry["person"] for entry in entries])
    organisations = Organisation.objects.in_bulk([entry["organisation"] for entry in entries if entry.get("organisation")])
    rows, seen = [], set()
    for entry in entries:
        person = people.get(entry["person"])
        organisation = organisations.get(entry.get("organisation")) if entry.get("organisation") else None
        capacity = entry["capacity"]
        if person is None or capacity not in MeetingAttendance.Capacity.values:
            raise MeetingError(_("Ligne de présence incomplète."), status=400)
        if capacity == MeetingAttendance.Capacity.MEMBER and person.pk not in members:
            raise MeetingError(_("%(name)s ne siège pas au comité.") % {"name": person}, status=400)
        if capacity in MeetingAttendance.VOTING_CAPACITIES:
            if organisation is None or not meeting.is_plenary:
                raise MeetingError(_("Un·e délégué·e représente une organisation membre, en plénière."), status=400)
            if not in_good_standing(organisation):
                raise MeetingError(
                    _("%(org)s n'est pas à jour de son adhésion : elle assiste en observatrice.") % {"org": organisation}, status=400
                )
            expected = delegate_for(assembly, organisation) if assembly else None
            if assembly is not None and (expected is None or expected.pk != person.pk):
                raise MeetingError(_("%(name)s n'est pas le ou la délégué·e de %(org)s.") % {"name": person, "org": organisation}, status=400)
            if assembly is None and not organisation.focal_points.filter(pk=person.pk).exists():
                raise MeetingError(_("%(name)s n'est pas point focal de %(org)s.") % {"name": person, "org": organisation}, status=400)
        # One line per person and organisation, one voting line per organisation,
        # and an observer is nothing else.
        keys = {("line", person.pk, organisation.pk if organisation else None)}
        if organisation is not None and capacity in MeetingAttendance.VOTING_CAPACITIES:
            keys.add(("vote", organisation.pk))
        keys.add(("observer" if capacity == MeetingAttendance.Capacity.OBSERVER else "seated", person.pk))
        clash = ("seated" if capacity == MeetingAttendance.Capacity.OBSERVER else "observer", person.pk)
        if keys & seen or clash in seen:
            raise MeetingError(_("%(name)s figure deux fois sur la feuille de présence.") % {"name": person}, status=400)
        seen |= keys
        rows.append(MeetingAttendance(meeting=meeting, person=person, organisation=organisation, capacity=capacity, recorded_by=by))
    MeetingAttendance.objects.filter(meeting=meeting).delete()
    created = MeetingAttendance.objects.bulk_create(rows)
    meeting.attendees.set({row.person_id for row in rows if row.person_id in members})
    return created


def meeting_quorum(meeting) -> dict:
    """Quorum on attendance: committee members for COPIL meetings; member
    organisations in good standing represented, for plenaries and the
    General Assembly (at the assembly's quorum, else the committee's)."""
    if not meeting.is_plenary:
        return meeting_committee_quorum(meeting)
    voting = set(Organisation.objects.active().values_list("pk", flat=True))
    represented = set(
        MeetingAttendance.objects.filter(meeting=meeting, capacity__in=MeetingAttendance.VOTING_CAPACITIES).values_list(
            "organisation_id", flat=True
        )
    ) & voting
    assembly = getattr(meeting, "assembly", None) if meeting.kind == Meeting.Kind.GENERAL_ASSEMBLY else None
    percent = assembly.quorum_percent if assembly else meeting.committee.default_quorum_percent
    needed = tallies.quorum_needed(len(voting), percent)
    return {"present": len(represented), "eligible": len(voting), "needed": needed, "met": len(represented) >= needed}
