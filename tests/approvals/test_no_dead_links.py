"""A page never offers a link its reader may not open: a dossier's ballots
link only for those the ballot page admits (the same rule decides both).
(Notifications: tests/casework/test_referrer_links.py.)"""

from approvals.models import Ballot
from approvals.services import perform


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


def test_the_state_is_named_in_the_message_as_on_the_page(make_petition, reviewer, client_for):
    """A handler reads the state's own label on the page and in the message
    after acting; the applicant reads the public label on both."""
    petition = make_petition()
    applicant = client_for(petition.owner)
    response = applicant.post(f"/dossiers/{petition.reference}/agir/submit/", follow=True)
    page = response.content.decode()
    assert "le dossier est maintenant « Reçue »" in page and "<strong>État :</strong> Reçue" in page

    response = client_for(reviewer).post(f"/dossiers/{petition.reference}/agir/send_to_committee/", follow=True)
    page = response.content.decode()
    assert "le dossier est maintenant « Examen par le comité »" in page
    assert "<strong>État :</strong> Examen par le comité" in page
