"""Decisions taken in a meeting: the secretariat records attendance and the
votes given in the room, the chair confirms, the ballot closes and the
dossier moves on as with online votes. The chair may also close a ballot
whose outcome is certain, or record that it lapsed at its deadline."""

from datetime import timedelta

import pytest
from django.utils import timezone

from approvals.models import Ballot, Decision, Meeting, MeetingBallot, OutboxMessage, Vote
from approvals.services import perform, vote_cast
from tests.dossiers.models import Petition


@pytest.fixture
def secretariat(make_user):
    return make_user("administrator", email="secretariat@example.org", full_name="Rose Secrétariat", is_staff=True)


@pytest.fixture
def petition_in_review(make_petition, reviewer, club, copil):
    """A petition before the COPIL (seven seats, quorum 4); one member sits on
    the board of the club that applies, so is recused automatically."""
    tied = copil.members.exclude(pk=copil.chair_id).order_by("email").last()
    club.people.add(tied)
    petition = make_petition(club=club)
    perform(petition, "submit", by=petition.owner)
    perform(petition, "send_to_committee", by=reviewer)
    petition.refresh_from_db()
    return petition


@pytest.fixture
def ballot(petition_in_review):
    return Ballot.objects.get(dossier_reference=petition_in_review.reference, status=Ballot.Status.OPEN)


@pytest.fixture
def meeting(copil):
    return Meeting.objects.create(
        reference="PV-COPIL-2026-001", committee=copil, title="Réunion trimestrielle", date=timezone.localdate(), created_by=copil.chair
    )


def eligible_members(ballot):
    return [seat.member for seat in ballot.seats.filter(recused_at__isnull=True).select_related("member").order_by("member__email")]


def sheet_url(meeting, ballot):
    return f"/reunions/{meeting.pk}/scrutins/{ballot.pk}/"


def test_secretariat_records_the_room_the_chair_confirms_and_the_dossier_moves_on(
    client_for, secretariat, copil, ballot, meeting, petition_in_review
):
    members = eligible_members(ballot)
    present = members[:4]  # quorum of 6 eligible seats at 50 %: 3
    secretariat_client = client_for(secretariat)
    # given an online vote already cast by a member who is then present in the room
    vote_cast(ballot_id=ballot.pk, by=present[0], choice="reject")
    # the secretariat finds the ballot on the meeting's page
    page = secretariat_client.get(meeting.get_absolute_url())
    assert page.status_code == 200
    assert sheet_url(meeting, ballot) in page.content.decode()
    # when the secretariat records who was present and how each voted in the room
    votes = {f"member_{m.pk}": choice for m, choice in zip(present, ["approve", "approve", "approve", "abstain"])}
    response = secretariat_client.post(sheet_url(meeting, ballot), votes)
    assert response.status_code == 302
    # then nothing is counted before the chair confirms
    ballot.refresh_from_db()
    assert ballot.is_open and Vote.objects.get(ballot=ballot, member=present[0]).choice == "reject"
    record = MeetingBallot.objects.get(meeting=meeting, ballot=ballot)
    assert not record.is_confirmed and record.votes.count() == 4
    # and the secretariat may not confirm its own record
    assert secretariat_client.post(sheet_url(meeting, ballot) + "confirmer/").status_code == 403
    # when the chair confirms
    chair_client = client_for(copil.chair)
    assert "Confirmer les votes" in chair_client.get(sheet_url(meeting, ballot)).content.decode()
    response = chair_client.post(sheet_url(meeting, ballot) + "confirmer/")
    assert response.status_code == 302
    # then the ballot is closed with its decision, the room's votes replace earlier ones
    ballot.refresh_from_db()
    decision = Decision.objects.get(ballot=ballot)
    assert (ballot.status, ballot.outcome, decision.outcome) == ("decided", "approve", "approve")
    assert decision.decided_by == copil.chair
    room = {vote.member_id: (vote.choice, vote.meeting_id) for vote in Vote.objects.filter(ballot=ballot)}
    assert room[present[0].pk] == ("approve", meeting.pk)
    assert len(room) == 4
    # the dossier moved on, the meeting records the decision and who was there, letters follow
    petition_in_review.refresh_from_db()
    assert petition_in_review.state == Petition.State.APPROVED
    assert list(meeting.decisions.all()) == [decision]
    assert set(meeting.attendees.all()) == set(present)
    assert OutboxMessage.objects.filter(topic="decision.recorded", payload__decision=decision.pk).count() == 1
    record.refresh_from_db()
    assert record.confirmed_by == copil.chair and record.decision == decision
    # and the ballot's page says these votes were given in session
    assert "en séance" in chair_client.get(ballot.get_absolute_url()).content.decode()


def test_a_second_confirmation_does_nothing_twice(client_for, secretariat, copil, ballot, meeting, petition_in_review):
    members = eligible_members(ballot)
    client_for(secretariat).post(sheet_url(meeting, ballot), {f"member_{m.pk}": "reject" for m in members[:3]})
    chair_client = client_for(copil.chair)

    first = chair_client.post(sheet_url(meeting, ballot) + "confirmer/")
    second = chair_client.post(sheet_url(meeting, ballot) + "confirmer/", follow=True)

    assert first.status_code == 302 and second.status_code == 200
    assert "déjà confirmés" in second.content.decode()
    assert Decision.objects.filter(ballot=ballot).count() == 1
    assert OutboxMessage.objects.filter(topic="decision.recorded").count() == 1
    petition_in_review.refresh_from_db()
    assert petition_in_review.state == Petition.State.REJECTED
    # and a closed ballot's room votes can no longer be changed
    again = client_for(secretariat).post(sheet_url(meeting, ballot), {f"member_{members[0].pk}": "approve"})
    assert again.status_code == 409


def test_a_recused_members_vote_is_refused(client_for, secretariat, copil, ballot, meeting):
    recused = ballot.seats.get(recused_at__isnull=False).member
    present = eligible_members(ballot)[:3]
    votes = {f"member_{m.pk}": "approve" for m in present} | {f"member_{recused.pk}": "approve"}

    response = client_for(secretariat).post(sheet_url(meeting, ballot), votes)

    assert response.status_code == 403
    assert "récusé" in response.content.decode()
    assert not MeetingBallot.objects.exists()
    # the sheet shows the recused member without a choice
    page = client_for(secretariat).get(sheet_url(meeting, ballot)).content.decode()
    assert "récusé·e : ne vote pas" in page and f'name="member_{recused.pk}"' not in page


def test_quorum_counts_on_attendance(client_for, secretariat, copil, ballot, meeting, petition_in_review):
    present = eligible_members(ballot)[:2]  # 2 present, 3 needed
    client_for(secretariat).post(sheet_url(meeting, ballot), {f"member_{m.pk}": "approve" for m in present})

    response = client_for(copil.chair).post(sheet_url(meeting, ballot) + "confirmer/")

    assert response.status_code == 409
    assert "Quorum non atteint" in response.content.decode()
    ballot.refresh_from_db()
    assert ballot.is_open and not Vote.objects.filter(ballot=ballot).exists()
    petition_in_review.refresh_from_db()
    assert petition_in_review.state == Petition.State.REVIEW


def test_an_ordinary_member_may_neither_record_nor_confirm(client_for, copil, ballot, meeting):
    member = next(m for m in eligible_members(ballot) if m != copil.chair)
    client = client_for(member)

    assert client.post(sheet_url(meeting, ballot), {f"member_{member.pk}": "approve"}).status_code == 403
    # the member reads the meeting without a link to a sheet they may not use
    assert sheet_url(meeting, ballot) not in client.get(meeting.get_absolute_url()).content.decode()


def test_the_chair_records_that_a_ballot_lapsed_at_its_deadline(client_for, copil, ballot, petition_in_review):
    chair_client = client_for(copil.chair)
    vote_cast(ballot_id=ballot.pk, by=eligible_members(ballot)[0], choice="approve")  # 1 vote, 3 needed
    # before the deadline the lapse is refused
    response = chair_client.post(f"/scrutins/{ballot.pk}/echeance/")
    assert response.status_code == 409
    ballot.refresh_from_db()
    assert ballot.is_open
    # once the deadline has passed (before the timer has run)
    Ballot.objects.filter(pk=ballot.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    assert client_for(eligible_members(ballot)[-1]).post(f"/scrutins/{ballot.pk}/echeance/").status_code == 403
    assert "Constater l" in chair_client.get(ballot.get_absolute_url()).content.decode()
    response = chair_client.post(f"/scrutins/{ballot.pk}/echeance/")
    assert response.status_code == 302
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.EXPIRED and not Decision.objects.exists()
    petition_in_review.refresh_from_db()
    assert petition_in_review.state == Petition.State.REVIEW


def test_the_chair_closes_early_only_when_the_outcome_is_certain(client_for, copil, ballot, petition_in_review):
    chair_client = client_for(copil.chair)
    members = eligible_members(ballot)
    # given a ballot that needs every eligible member (quorum 100 %), five of six approve
    Ballot.objects.filter(pk=ballot.pk).update(quorum_percent=100)
    for member in members[:5]:
        vote_cast(ballot_id=ballot.pk, by=member, choice="approve")
    ballot.refresh_from_db()
    assert ballot.is_open
    # the sixth may still not vote and leave it without quorum: not certain
    response = chair_client.post(f"/scrutins/{ballot.pk}/clore/")
    assert response.status_code == 409
    assert "pas encore certaine" in response.content.decode()
    ballot.refresh_from_db()
    assert ballot.is_open
    assert "Clore le scrutin maintenant" not in chair_client.get(ballot.get_absolute_url()).content.decode()
    # when the administrator brings the quorum back to 50 % (the ballot's quorum is editable in the admin)
    Ballot.objects.filter(pk=ballot.pk).update(quorum_percent=50)
    # then the outcome is certain and the chair may close now
    assert "Clore le scrutin maintenant" in chair_client.get(ballot.get_absolute_url()).content.decode()
    # a member may not close it
    assert client_for(members[-1]).post(f"/scrutins/{ballot.pk}/clore/").status_code == 403
    response = chair_client.post(f"/scrutins/{ballot.pk}/clore/")
    assert response.status_code == 302
    ballot.refresh_from_db()
    assert (ballot.status, ballot.outcome) == ("decided", "approve")
    assert Decision.objects.get(ballot=ballot).decided_by == copil.chair
    petition_in_review.refresh_from_db()
    assert petition_in_review.state == Petition.State.APPROVED


def test_the_secretariat_never_sees_the_emergency_committees_meetings(client_for, secretariat, seat_committee):
    from approvals.services import ballot_open
    from tests.casework.factories import make_case

    emergency = seat_committee("emergency", members=3)
    case = make_case()
    sensitive_ballot = ballot_open(dossier=case, committee=emergency, question="Accorder le soutien ?")
    emergency_meeting = Meeting.objects.create(
        reference="PV-CU-2026-001", committee=emergency, title="Session du comité d'urgence", date=timezone.localdate()
    )
    client = client_for(secretariat)

    assert client.get("/reunions/").content.decode().count("Session du comité d'urgence") == 0
    assert client.get(emergency_meeting.get_absolute_url()).status_code == 404
    assert client.get(sheet_url(emergency_meeting, sensitive_ballot)).status_code == 404
    member = emergency.members.exclude(pk=emergency.chair_id).first()
    response = client.post(sheet_url(emergency_meeting, sensitive_ballot), {f"member_{member.pk}": "approve"})
    assert response.status_code == 404
    assert not MeetingBallot.objects.exists()
    # while the chair records and confirms the room's votes there as anywhere
    chair = client_for(emergency.chair)
    assert chair.get(sheet_url(emergency_meeting, sensitive_ballot)).status_code == 200


def test_votes_recorded_in_a_meeting_wait_on_the_chairs_home_until_confirmed(client_for, secretariat, copil, ballot, meeting):
    members = eligible_members(ballot)
    chair_client = client_for(copil.chair)
    assert "Votes en séance à confirmer" not in chair_client.get("/").content.decode()

    client_for(secretariat).post(sheet_url(meeting, ballot), {f"member_{m.pk}": "approve" for m in members[:4]})

    home = chair_client.get("/").content.decode()
    assert "Votes en séance à confirmer" in home
    assert f'href="{sheet_url(meeting, ballot)}"' in home and meeting.reference in home
    # the secretariat does not confirm: nothing waits on its home
    assert "Votes en séance à confirmer" not in client_for(secretariat).get("/").content.decode()
