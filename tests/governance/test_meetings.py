"""Meetings: invitations by e-mail with the time in each invitee's zone and
an .ics; reminders sent once however often the beat task runs; an agenda
built from what waits for the committee; quorum on attendance; minutes
shared with the meeting's audience; meetings counted for the indicators."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone
from icalendar import Calendar

from approvals.letters.services import meeting_agenda_item_add, meeting_agenda_refresh, meeting_create
from approvals.models import Ballot, Letter, Meeting, MeetingAgendaItem, MeetingBallot
from approvals.refusals import Refused
from approvals.services import meeting_votes_confirm, meeting_votes_record, perform
from governance.models import MeetingInvitation
from governance.selectors import meetings_held
from governance.services.meetings import meeting_invitations_send, meeting_quorum
from governance.tasks import send_meeting_reminders
from indicators.periods import Period
from tests.letters.helpers import docx_text


@pytest.fixture
def quarterly(copil, in_two_weeks):
    return meeting_create(
        by=copil.chair, committee=copil, title="COPIL du quatrième trimestre", kind=Meeting.Kind.QUARTERLY,
        starts_at=in_two_weeks, time_zone="Africa/Douala", duration_minutes=90, place="Douala, siège du réseau",
    )


def _ics(message) -> tuple[Calendar, str]:
    (name, content, mimetype), = message.attachments
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    raw = content if isinstance(content, str) else content.decode()
    return Calendar.from_ical(raw), raw


def test_invitations_carry_an_ics_and_the_time_in_each_invitees_zone(copil, quarterly, client_for, relay_outbox, mailoutbox):
    douala, sao_tome = copil.members.exclude(pk=copil.chair_id).order_by("email")[:2]
    douala.country, sao_tome.country = "CM", "ST"
    douala.save(update_fields=["country"])
    sao_tome.save(update_fields=["country"])
    # when the chair sends the invitations from the meeting's page (twice, as a double click would)
    chair = client_for(copil.chair)
    assert chair.post(f"/gouvernance/reunions/{quarterly.pk}/invitations/").status_code == 302
    assert chair.post(f"/gouvernance/reunions/{quarterly.pk}/invitations/").status_code == 302
    relay_outbox()
    # then each of the seven seats gets one e-mail
    assert sorted(m.to[0] for m in mailoutbox) == sorted(copil.members.values_list("email", flat=True))
    by_address = {m.to[0]: m for m in mailoutbox}
    # with the time in the invitee's zone: 09:00 in Douala is 08:00 in São Tomé
    assert "09:00" in by_address[douala.email].body and "Africa/Douala" in by_address[douala.email].body
    assert "08:00" in by_address[sao_tome.email].body and "Africa/Sao_Tome" in by_address[sao_tome.email].body
    assert "Douala, siège du réseau" in by_address[douala.email].body
    # and an .ics that parses back: UID, DTSTART in UTC, SUMMARY, LOCATION, URL
    calendar, raw = _ics(by_address[douala.email])
    event = calendar.walk("VEVENT")[0]
    assert str(event["UID"]).startswith(f"meeting-{quarterly.pk}@")
    assert event.decoded("DTSTART") == quarterly.starts_at.astimezone(dt.UTC)
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(0)
    assert f"DTSTART:{quarterly.starts_at.astimezone(dt.UTC):%Y%m%dT%H%M%S}Z" in raw
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=90)
    assert str(event["SUMMARY"]) == "COPIL du quatrième trimestre"
    assert str(event["LOCATION"]) == "Douala, siège du réseau"
    assert str(event["URL"]).endswith(quarterly.get_absolute_url())
    # and the same UID for every invitee (one event in everyone's calendar)
    assert {str(_ics(m)[0].walk("VEVENT")[0]["UID"]) for m in mailoutbox} == {str(event["UID"])}
    assert MeetingInvitation.objects.filter(meeting=quarterly, kind="invitation").count() == 7


def test_only_the_chair_sends_invitations(copil, quarterly, client_for):
    member = copil.members.exclude(pk=copil.chair_id).first()
    assert client_for(member).post(f"/gouvernance/reunions/{quarterly.pk}/invitations/").status_code in (403, 404)
    assert not MeetingInvitation.objects.exists()


def test_reminders_go_once_even_when_the_task_runs_twice(copil, quarterly, relay_outbox, mailoutbox):
    meeting_invitations_send(meeting_id=quarterly.pk, by=copil.chair)
    relay_outbox()
    mailoutbox.clear()
    # a week before: the 7-day reminder, once, though the beat task runs twice
    with time_machine.travel(quarterly.starts_at - dt.timedelta(days=6, hours=23)):
        send_meeting_reminders()
        send_meeting_reminders()
        relay_outbox()
        send_meeting_reminders()
        relay_outbox()
    assert len(mailoutbox) == 7 and all("Rappel" in m.subject for m in mailoutbox)
    assert all(len(m.attachments) == 1 for m in mailoutbox)
    # the day before: the 1-day reminder, once
    mailoutbox.clear()
    with time_machine.travel(quarterly.starts_at - dt.timedelta(hours=20)):
        send_meeting_reminders()
        send_meeting_reminders()
        relay_outbox()
    assert len(mailoutbox) == 7
    kinds = MeetingInvitation.objects.filter(meeting=quarterly).values_list("kind", flat=True)
    assert sorted(set(kinds)) == ["invitation", "reminder_1", "reminder_7"] and len(kinds) == 21
    # after the start: nothing more
    mailoutbox.clear()
    with time_machine.travel(quarterly.starts_at + dt.timedelta(hours=1)):
        send_meeting_reminders()
        relay_outbox()
    assert mailoutbox == []


@pytest.fixture
def waiting_petition(make_petition, reviewer, club):
    petition = make_petition(club=club)
    perform(petition, "submit", by=petition.owner)
    perform(petition, "send_to_committee", by=reviewer)  # opens a COPIL ballot
    return petition


def test_agenda_from_pending_ballots_and_free_items_and_decisions_against_them(
    copil, waiting_petition, in_two_weeks, relay_outbox
):
    ballot = Ballot.objects.get(dossier_reference=waiting_petition.reference, status=Ballot.Status.OPEN)
    meeting = meeting_create(by=copil.chair, committee=copil, title="Session", kind=Meeting.Kind.QUARTERLY, starts_at=in_two_weeks)
    # the open ballot is on the agenda, linked to it
    item = MeetingAgendaItem.objects.get(meeting=meeting)
    assert (item.kind, item.ballot_id, item.dossier_reference) == ("ballot", ballot.pk, waiting_petition.reference)
    # a free item is added, and stays when the agenda is compiled again
    meeting_agenda_item_add(meeting_id=meeting.pk, by=copil.chair, label="Calendrier de l'assemblée générale")
    meeting_agenda_refresh(meeting_id=meeting.pk, by=copil.chair)
    assert list(meeting.agenda_items.values_list("position", "kind")) == [(1, "ballot"), (2, "free")]
    # the room votes, the chair confirms: the decision is recorded against the item
    voters = [seat.member for seat in ballot.seats.filter(recused_at__isnull=True).order_by("member__email")][:4]
    record = meeting_votes_record(meeting_id=meeting.pk, ballot_id=ballot.pk, by=copil.chair, votes={m.pk: "approve" for m in voters})
    record = meeting_votes_confirm(record_id=record.pk, by=copil.chair)
    item.refresh_from_db()
    assert item.decision == record.decision
    # and the minutes' agenda says so
    from approvals.letters.services import meeting_minutes_request

    from django.db import transaction

    with transaction.atomic():
        meeting_minutes_request(meeting_id=meeting.pk, by=copil.chair, language="fr")
    relay_outbox()
    with Letter.objects.get(meeting=meeting).file.open("rb") as handle:
        text = docx_text(handle.read())
    assert record.decision.reference in text and "Calendrier de l'assemblée générale" in text


def test_the_chairs_confirmation_is_refused_without_quorum_on_attendance(copil, waiting_petition, in_two_weeks):
    ballot = Ballot.objects.get(dossier_reference=waiting_petition.reference, status=Ballot.Status.OPEN)
    meeting = meeting_create(by=copil.chair, committee=copil, title="Session", kind=Meeting.Kind.QUARTERLY, starts_at=in_two_weeks)
    # seven seats at 50 %: the session needs four of them present
    assert meeting_quorum(meeting) == {"present": 0, "eligible": 7, "needed": 4, "met": False}
    # three members vote in the room: under quorum, the chair's confirmation is refused
    voters = [seat.member for seat in ballot.seats.filter(recused_at__isnull=True).order_by("member__email")]
    record = meeting_votes_record(
        meeting_id=meeting.pk, ballot_id=ballot.pk, by=copil.chair, votes={m.pk: "approve" for m in voters[:3]}
    )
    with pytest.raises(Refused, match="Quorum non atteint"):
        meeting_votes_confirm(record_id=record.pk, by=copil.chair)
    ballot.refresh_from_db()
    assert ballot.is_open and not MeetingBallot.objects.get(pk=record.pk).is_confirmed
    # four present and voting: quorum met, the confirmation goes through
    record = meeting_votes_record(
        meeting_id=meeting.pk, ballot_id=ballot.pk, by=copil.chair, votes={m.pk: "approve" for m in voters[:4]}
    )
    meeting.attendees.add(*voters[:4])
    assert meeting_quorum(meeting) == {"present": 4, "eligible": 7, "needed": 4, "met": True}
    record = meeting_votes_confirm(record_id=record.pk, by=copil.chair)
    assert record.is_confirmed
    ballot.refresh_from_db()
    assert not ballot.is_open


def test_meetings_held_per_period_and_kind(copil):
    today = timezone.localdate()
    for days, kind in [(-40, "quarterly"), (-10, "general_assembly"), (-5, "quarterly"), (30, "quarterly")]:
        meeting_create(by=copil.chair, committee=copil, title="R", kind=kind, date=today + dt.timedelta(days=days))
    period = Period.between(today - dt.timedelta(days=60), today + dt.timedelta(days=60))
    # the meeting still to come is not held yet
    assert meetings_held(period=period) == 3
    assert meetings_held(period=period, kind="quarterly") == 2
    assert meetings_held(period=period, kind=["general_assembly"]) == 1
    assert meetings_held(period=Period.between(today - dt.timedelta(days=20), today), kind="quarterly") == 1


def test_a_rescheduled_meeting_is_sent_again_with_the_same_uid_and_a_new_sequence(copil, quarterly, relay_outbox, mailoutbox):
    from django.db import transaction

    from governance.services.meetings import meeting_reschedule

    with transaction.atomic():
        meeting_invitations_send(meeting_id=quarterly.pk, by=copil.chair)
        # moved before the first invitations went: those are dropped, only the new ones go
        meeting_reschedule(meeting_id=quarterly.pk, by=copil.chair, starts_at=quarterly.starts_at + dt.timedelta(days=1))
    relay_outbox()
    assert mailoutbox == []
    meeting_invitations_send(meeting_id=quarterly.pk, by=copil.chair)
    relay_outbox()
    assert len(mailoutbox) == 7
    event = _ics(mailoutbox[0])[0].walk("VEVENT")[0]
    assert str(event["UID"]).startswith(f"meeting-{quarterly.pk}@") and int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART") == (quarterly.starts_at + dt.timedelta(days=1)).astimezone(dt.UTC)
