from approvals.models import Ballot, Decision, Notification, TimelineEntry
from approvals.services import perform
from tests.dossiers.models import Petition


def test_copil_decides_and_the_dossier_moves_by_itself(copil, club, reviewer, make_petition, make_user, client_for, relay_outbox, mailoutbox, django_capture_on_commit_callbacks):
    # given a COPIL of seven, one of whom belongs to the applicant's organisation
    tied_member = copil.members.exclude(pk=copil.chair_id).first()
    club.people.add(tied_member)
    applicant = make_user("applicant", email="applicant@example.org")
    club.people.add(applicant)
    petition = make_petition(owner=applicant, club=club)
    client_for(applicant).post(f"/dossiers/{petition.reference}/agir/submit/")
    response = client_for(reviewer).post(f"/dossiers/{petition.reference}/agir/send_to_committee/", {"comment": "Dossier complet"})
    assert response.status_code == 302

    # then a ballot is open and the tied member is recused automatically
    ballot = Ballot.objects.get(dossier_reference=petition.reference)
    recused = ballot.seats.filter(recused_at__isnull=False)
    assert [seat.member for seat in recused] == [tied_member]
    assert recused.get().recused_automatically
    assert ballot.seats.filter(recused_at__isnull=True).count() == 6
    response = client_for(tied_member).post(f"/scrutins/{ballot.pk}/voter/", {"choice": "approve"})
    assert response.status_code == 403
    assert ballot.votes.count() == 0

    # when four of the six eligible members approve, one by one
    voters = list(copil.members.exclude(pk=tied_member.pk).order_by("email"))[:4]
    for number, voter in enumerate(voters, start=1):
        response = client_for(voter).post(f"/scrutins/{ballot.pk}/voter/", {"choice": "approve"})
        assert response.status_code == 302
        ballot.refresh_from_db()
        assert ballot.is_open == (number < 4)

    # then the ballot is decided, and the dossier approved without anyone pressing a button
    assert ballot.status == Ballot.Status.DECIDED
    decision = Decision.objects.get(ballot=ballot)
    assert decision.outcome == "approve"
    assert decision.reference.startswith("COPIL-") and decision.reference.endswith("-001")
    petition.refresh_from_db()
    assert petition.state == Petition.State.APPROVED

    # and the timeline shows every step with its actor
    steps = list(TimelineEntry.objects.filter(dossier_reference=petition.reference).order_by("created_at", "id"))
    transitions = [(s.transition or s.kind, s.actor_label) for s in steps if s.kind != "event"]
    assert transitions == [
        ("created", str(applicant)),
        ("submit", str(applicant)),
        ("send_to_committee", str(reviewer)),
        ("approve", "Relais (automatique)"),
    ]
    events = [s.comment for s in steps if s.kind == "event"]
    assert any("Scrutin ouvert" in e for e in events)
    assert any(decision.reference in e for e in events)

    # the applicant's page shows public labels, never internal comments
    page = client_for(applicant).get(f"/dossiers/{petition.reference}/").content.decode()
    assert "Approuvée" in page and "Dossier complet" not in page
    # the committee sees the internal comment and the votes
    page = client_for(copil.chair).get(f"/dossiers/{petition.reference}/").content.decode()
    assert "Dossier complet" in page

    # and, once the outbox is relayed, the applicant is told, in their inbox and by email
    relay_outbox()
    subjects = list(Notification.objects.filter(recipient=applicant).values_list("subject", flat=True))
    assert any("Approuvée" in s for s in subjects)
    assert any(applicant.email in m.to for m in mailoutbox)


def test_a_vote_can_change_until_the_ballot_closes(copil, reviewer, make_petition, client_for):
    petition = make_petition()
    perform(petition, "submit", by=petition.owner)
    perform(petition, "send_to_committee", by=reviewer)
    ballot = Ballot.objects.get(dossier_reference=petition.reference)
    member = copil.members.exclude(pk=copil.chair_id).first()
    client_for(member).post(f"/scrutins/{ballot.pk}/voter/", {"choice": "reject"})
    client_for(member).post(f"/scrutins/{ballot.pk}/voter/", {"choice": "approve"})
    assert list(ballot.votes.values_list("member_id", "choice")) == [(member.pk, "approve")]


def test_a_declared_conflict_withdraws_the_vote(copil, reviewer, make_petition, client_for):
    petition = make_petition()
    perform(petition, "submit", by=petition.owner)
    perform(petition, "send_to_committee", by=reviewer)
    ballot = Ballot.objects.get(dossier_reference=petition.reference)
    member = copil.members.exclude(pk=copil.chair_id).first()
    client_for(member).post(f"/scrutins/{ballot.pk}/voter/", {"choice": "reject"})
    response = client_for(member).post(f"/scrutins/{ballot.pk}/conflit/", {"reason": "Je siège à son conseil"})
    assert response.status_code == 302
    seat = ballot.seats.get(member=member)
    assert seat.is_recused and not seat.recused_automatically and seat.recusal_reason == "Je siège à son conseil"
    assert ballot.votes.count() == 0
    response = client_for(member).post(f"/scrutins/{ballot.pk}/voter/", {"choice": "approve"})
    assert response.status_code == 403


def test_majority_of_rejections_rejects(copil, reviewer, make_petition, client_for):
    petition = make_petition()
    perform(petition, "submit", by=petition.owner)
    perform(petition, "send_to_committee", by=reviewer)
    ballot = Ballot.objects.get(dossier_reference=petition.reference)
    for member in list(copil.members.order_by("email"))[:4]:
        client_for(member).post(f"/scrutins/{ballot.pk}/voter/", {"choice": "reject"})
    petition.refresh_from_db()
    assert petition.state == Petition.State.REJECTED
    assert ballot.votes.count() == 4


def test_home_lists_the_ballots_waiting_for_my_vote(copil, reviewer, make_petition, client_for):
    petition = make_petition()
    perform(petition, "submit", by=petition.owner)
    perform(petition, "send_to_committee", by=reviewer)
    member = copil.members.exclude(pk=copil.chair_id).first()
    page = client_for(member).get("/").content.decode()
    assert "Scrutins en attente de votre vote" in page and petition.reference in page
    ballot = Ballot.objects.get(dossier_reference=petition.reference)
    client_for(member).post(f"/scrutins/{ballot.pk}/voter/", {"choice": "approve"})
    page = client_for(member).get("/").content.decode()
    assert petition.reference not in page


def test_my_ballots_shows_my_vote_in_words(copil, reviewer, make_petition, client_for):
    petition = make_petition()
    perform(petition, "submit", by=petition.owner)
    perform(petition, "send_to_committee", by=reviewer)
    ballot = Ballot.objects.get(dossier_reference=petition.reference)
    member = copil.members.exclude(pk=copil.chair_id).first()
    client_for(member).post(f"/scrutins/{ballot.pk}/voter/", {"choice": "request_changes"})
    page = client_for(member).get("/scrutins/").content.decode()
    assert "Demander des modifications" in page and ">request_changes<" not in page
