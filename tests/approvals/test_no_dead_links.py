"""A page never offers a link its reader may not open: a dossier's ballots
link only for those the ballot page admits (the same rule decides both), and
a notification sends each recipient to a page they may open."""

from approvals.models import Ballot, Notification
from approvals.services import perform
from approvals.access import grant
from casework.models import Case
from tests.casework.factories import make_case


def test_a_dossiers_ballots_link_only_for_readers_the_ballot_page_admits(make_petition, reviewer, copil, client_for):
    petition = make_petition()
    perform(petition, "submit", by=petition.owner)
    perform(petition, "send_to_committee", by=reviewer)
    ballot = Ballot.objects.get(dossier_reference=petition.reference)
    link = f'href="{ballot.get_absolute_url()}"'

    # the working group handles the dossier but does not sit on the COPIL
    page = client_for(reviewer).get(f"/dossiers/{petition.reference}/").content.decode()
    assert ballot.question in page and link not in page
    assert client_for(reviewer).get(ballot.get_absolute_url()).status_code == 403
    # a COPIL member may open it: the link is there, and it opens
    member = copil.members.exclude(pk=copil.chair_id).first()
    member.user_permissions.add(*reviewer.user_permissions.all())  # may read the dossier too
    member_client = client_for(member)
    assert link in member_client.get(f"/dossiers/{petition.reference}/").content.decode()
    assert member_client.get(ballot.get_absolute_url()).status_code == 200


def test_the_referrer_is_told_of_a_step_with_a_link_to_its_status_page_not_the_case(
    emergency, chair, officer, make_user, client_for, relay_outbox
):
    from casework.services import case_assign

    referrer = make_user("member_focal_point", email="pf.orientation@example.org")
    case = make_case(by=referrer, intake=Case.Intake.REFERRAL, referred_by=referrer)
    grant(referrer, case, "view_status")
    case_assign(case_id=case.pk, officer=officer, by=chair)

    perform(case, "start_verification", by=chair)
    relay_outbox()

    told = Notification.objects.get(recipient=referrer, subject__contains=case.reference)
    assert told.url == f"/urgence/orientations/{case.reference}/"
    assert client_for(referrer).get(told.url).status_code == 200
    assert client_for(referrer).get(case.get_absolute_url()).status_code == 403
    # the officer is sent to the case itself, which they may open
    officer_note = Notification.objects.filter(recipient=officer, url=case.get_absolute_url()).order_by("-id").first()
    assert client_for(officer).get(officer_note.url).status_code == 200
    # each reads the state as their page names it
    assert "En cours de vérification" in told.subject
    assert "Vérification" in officer_note.subject and "En cours de vérification" not in officer_note.subject
