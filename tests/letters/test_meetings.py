"""COPIL meetings: agenda from what waits for the committee, attendance,
decisions taken in session, minutes generated as a document."""

import pytest
from django.utils import timezone

from approvals.models import Ballot, Letter, Meeting
from approvals.services import perform

from .factories import DecisionFactory
from .helpers import docx_text


@pytest.fixture
def waiting_petition(make_petition, reviewer, club):
    petition = make_petition(club=club, title="En attente")
    perform(petition, "submit", by=petition.owner)
    perform(petition, "send_to_committee", by=reviewer)  # opens a COPIL ballot
    return petition


def create_meeting(client, committee):
    return client.post(
        "/reunions/nouvelle/",
        {"committee": committee.pk, "title": "Réunion du deuxième trimestre", "kind": "quarterly",
         "date": timezone.localdate().isoformat(), "place": "Douala"},
    )


def test_the_chair_runs_a_meeting_and_gets_its_minutes(copil, waiting_petition, client_for, relay_outbox, club):
    chair = client_for(copil.chair)
    decision = DecisionFactory(petition__club=club, committee=copil)
    # when the chair creates a meeting
    response = create_meeting(chair, copil)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    # then its agenda lists the open ballot
    assert any(waiting_petition.reference in item for item in meeting.agenda)
    page = chair.get(meeting.get_absolute_url()).content.decode()
    assert waiting_petition.reference in page
    # when the chair records who attended and what was decided
    present = list(copil.members.order_by("email")[:2])
    absent = [m for m in copil.members.all() if m not in present]
    response = chair.post(
        f"/reunions/{meeting.pk}/presences/",
        {"attendees": [m.pk for m in present], "decisions": [decision.pk], "notes": "Prochaine réunion en ligne"},
    )
    assert response.status_code == 302
    assert set(meeting.attendees.all()) == set(present) and list(meeting.decisions.all()) == [decision]
    # and asks for the minutes (twice, as a double click would)
    chair.post(f"/reunions/{meeting.pk}/proces-verbal/", {"language": "fr"})
    chair.post(f"/reunions/{meeting.pk}/proces-verbal/", {"language": "fr"})
    relay_outbox()
    # then one minutes document exists, with attendance and decisions
    minutes = Letter.objects.get(meeting=meeting)
    assert (minutes.kind, minutes.revision) == ("meeting_minutes", 1)
    with minutes.file.open("rb") as handle:
        text = docx_text(handle.read())
    assert "Procès-verbal" in text and "Réunion du deuxième trimestre" in text
    assert all(str(m) in text for m in present)
    assert all(str(m) in text.split("Absents")[1] for m in absent)
    assert decision.reference in text and "Prochaine réunion en ligne" in text
    # and the committee downloads it
    member = client_for(present[1])
    assert member.get(minutes.get_absolute_url()).status_code == 200


def test_minutes_regenerated_are_a_new_revision(copil, client_for, relay_outbox):
    chair = client_for(copil.chair)
    create_meeting(chair, copil)
    meeting = Meeting.objects.get()
    chair.post(f"/reunions/{meeting.pk}/proces-verbal/", {"language": "fr"})
    relay_outbox()
    chair.post(f"/reunions/{meeting.pk}/proces-verbal/", {"language": "en"})
    relay_outbox()
    minutes = Letter.objects.get(meeting=meeting)
    assert (minutes.revision, minutes.language) == (2, "en")
    with minutes.file.open("rb") as handle:
        assert "Minutes" in docx_text(handle.read())


def test_members_see_the_meeting_but_only_the_chair_runs_it(copil, client_for):
    create_meeting(client_for(copil.chair), copil)
    meeting = Meeting.objects.get()
    member = client_for(copil.members.exclude(pk=copil.chair_id).first())
    assert member.get(meeting.get_absolute_url()).status_code == 200
    assert member.post(f"/reunions/{meeting.pk}/proces-verbal/", {"language": "fr"}).status_code == 403
    assert member.post(f"/reunions/{meeting.pk}/presences/", {"attendees": []}).status_code == 403
    assert create_meeting(member, copil).status_code == 403
    assert Meeting.objects.count() == 1


def test_outsiders_see_nothing_of_the_meeting(copil, client_for, make_user, relay_outbox):
    chair = client_for(copil.chair)
    create_meeting(chair, copil)
    meeting = Meeting.objects.get()
    chair.post(f"/reunions/{meeting.pk}/proces-verbal/", {"language": "fr"})
    relay_outbox()
    minutes = Letter.objects.get(meeting=meeting)
    outsider = client_for(make_user("applicant"))
    assert outsider.get(meeting.get_absolute_url()).status_code == 404
    assert outsider.get(minutes.get_absolute_url()).status_code in (403, 404)
    assert meeting.reference not in outsider.get("/reunions/").content.decode()


def test_attendance_only_from_the_committee(copil, client_for, make_user):
    chair = client_for(copil.chair)
    create_meeting(chair, copil)
    meeting = Meeting.objects.get()
    stranger = make_user("applicant")
    chair.post(f"/reunions/{meeting.pk}/presences/", {"attendees": [stranger.pk]})
    assert not meeting.attendees.exists()


def test_the_ballot_decided_later_is_not_lost_from_the_agenda(copil, waiting_petition, client_for):
    chair = client_for(copil.chair)
    create_meeting(chair, copil)
    meeting = Meeting.objects.get()
    Ballot.objects.filter(dossier_reference=waiting_petition.reference).update(status=Ballot.Status.CANCELLED)
    meeting.refresh_from_db()
    assert any(waiting_petition.reference in item for item in meeting.agenda)
    chair.post(f"/reunions/{meeting.pk}/ordre-du-jour/")
    meeting.refresh_from_db()
    assert not any(waiting_petition.reference in item for item in meeting.agenda)


def test_the_chair_finds_meetings_and_letters_from_home(copil, client_for):
    chair = client_for(copil.chair)
    home = chair.get("/").content.decode()
    assert "Lettres et réunions" in home and "/reunions/" in home and "/lettres/decisions/" in home
    form = chair.get("/reunions/nouvelle/")
    assert form.status_code == 200 and 'name="title"' in form.content.decode()


def test_bad_meeting_input_is_refused_with_a_message(copil, client_for):
    response = client_for(copil.chair).post("/reunions/nouvelle/", {"committee": copil.pk, "title": "", "kind": "quarterly", "date": "pas une date"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not Meeting.objects.exists()
