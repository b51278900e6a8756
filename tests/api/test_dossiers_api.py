"""The API reads and writes through the web's accessors and services: the
same dossiers, the same 404s, the same refusals with the same reasons."""

import pytest
from django.core.cache import cache

from approvals.models import Ballot, DossierMessage, TimelineEntry
from tests.dossiers.models import Petition


@pytest.fixture
def in_committee(make_petition, client_for, reviewer):
    applicant_petition = make_petition()
    client_for(applicant_petition.owner).post(f"/dossiers/{applicant_petition.reference}/agir/submit/")
    client_for(reviewer).post(f"/dossiers/{applicant_petition.reference}/agir/send_to_committee/", {"comment": "Dossier complet, note interne"})
    return applicant_petition


def test_every_reader_sees_through_the_api_what_the_web_shows(in_committee, make_petition, copil, reviewer, make_user, client_for, api_for):
    other = make_petition()
    readers = [in_committee.owner, other.owner, copil.chair, reviewer, make_user("auditor"), make_user("applicant")]
    for reader in readers:
        api, web = api_for(reader, scope="read"), client_for(reader)
        listed = {row["reference"] for row in api.get("/api/v1/dossiers/", kind="dossiers.petition").json()}
        for petition in (in_committee, other):
            web_status = web.get(f"/dossiers/{petition.reference}/").status_code
            api_status = api.get(f"/api/v1/dossiers/{petition.reference}/").status_code
            assert (web_status, api_status) in ((200, 200), (404, 404)), (reader, petition.reference, web_status, api_status)
            assert (petition.reference in listed) == (api_status == 200)


def test_the_applicant_reads_public_steps_and_the_committee_its_notes(in_committee, copil, api_for):
    mine = api_for(in_committee.owner, scope="read").get(f"/api/v1/dossiers/{in_committee.reference}/").json()
    theirs = api_for(copil.chair, scope="read").get(f"/api/v1/dossiers/{in_committee.reference}/").json()

    assert mine["internal"] is False and mine["state"] == "" and mine["public_state"]
    assert "note interne" not in str(mine)
    assert {step["comment"] for step in mine["timeline"]} == {""}
    assert theirs["internal"] is True and theirs["state"] == in_committee.__class__.objects.get(pk=in_committee.pk).state
    assert any("note interne" in step["comment"] for step in theirs["timeline"])
    # the committee sees its ballot's deadline, the applicant does not
    assert any(d["what"] for d in theirs["deadlines"]) and len(theirs["deadlines"]) > len(mine["deadlines"])


def test_a_vote_through_the_api_counts_as_on_the_page(in_committee, copil, api_for):
    ballot = Ballot.objects.get(dossier_reference=in_committee.reference)
    members = list(copil.members.order_by("email"))[:4]
    for number, member in enumerate(members, start=1):
        api = api_for(member)
        assert [b["id"] for b in api.get("/api/v1/ballots/").json()] == [ballot.pk]
        response = api.post(f"/api/v1/ballots/{ballot.pk}/vote/", {"choice": "approve"})
        assert response.status_code == 200, response.content
        assert response.json()["ballot_status"] == ("open" if number < 4 else "decided")

    in_committee.refresh_from_db()
    assert in_committee.state == Petition.State.APPROVED
    refused = api_for(members[0]).post(f"/api/v1/ballots/{ballot.pk}/vote/", {"choice": "reject"})
    assert refused.status_code == 409 and refused.json()["detail"].startswith("Ce scrutin est clos")


def test_someone_off_the_committee_cannot_vote(in_committee, make_user, api_for):
    ballot = Ballot.objects.get(dossier_reference=in_committee.reference)
    response = api_for(make_user("copil_member")).post(f"/api/v1/ballots/{ballot.pk}/vote/", {"choice": "approve"})
    assert response.status_code == 404
    assert not ballot.votes.exists()


def test_bad_input_gets_a_reason_and_changes_nothing(in_committee, copil, api_for):
    ballot = Ballot.objects.get(dossier_reference=in_committee.reference)
    api = api_for(copil.chair)
    response = api.post(f"/api/v1/ballots/{ballot.pk}/vote/", {"choice": "peut-être"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "choice" in response.json()["errors"]
    assert not ballot.votes.exists()
    assert api.get("/api/v1/dossiers/", limit="beaucoup").status_code == 400


def test_transitions_follow_the_web_rule(make_petition, reviewer, api_for):
    petition = make_petition()
    owner_api = api_for(petition.owner)
    before = TimelineEntry.objects.filter(dossier_reference=petition.reference).count()
    # a transition with its own form is refused here as on the engine's page
    refused = api_for(reviewer).post(f"/api/v1/dossiers/{petition.reference}/transitions/approve/")
    assert refused.status_code in (403, 404)
    response = owner_api.post(f"/api/v1/dossiers/{petition.reference}/transitions/submit/", {"comment": ""})
    assert response.status_code == 200, response.content
    petition.refresh_from_db()
    assert petition.state == Petition.State.SUBMITTED
    assert TimelineEntry.objects.filter(dossier_reference=petition.reference).count() == before + 1
    again = owner_api.post(f"/api/v1/dossiers/{petition.reference}/transitions/submit/")
    assert again.status_code in (403, 409) and again.json()["detail"]


def test_messages_between_the_applicant_and_the_handlers(in_committee, reviewer, api_for, make_user):
    owner_api = api_for(in_committee.owner)
    response = owner_api.post(f"/api/v1/dossiers/{in_committee.reference}/messages/", {"body": "Voici la pièce manquante."})
    assert response.status_code == 201, response.content
    thread = api_for(reviewer, scope="read").get(f"/api/v1/dossiers/{in_committee.reference}/messages/").json()
    assert [m["body"] for m in thread] == ["Voici la pièce manquante."] and thread[0]["side"] == "applicant"
    assert api_for(make_user("applicant")).post(f"/api/v1/dossiers/{in_committee.reference}/messages/", {"body": "x"}).status_code == 404
    empty = owner_api.post(f"/api/v1/dossiers/{in_committee.reference}/messages/", {"body": "   "})
    assert empty.status_code == 400
    assert DossierMessage.objects.filter(dossier_reference=in_committee.reference).count() == 1


def test_the_public_directory_is_anonymous_public_and_cached(anonymous_api, make_user, api_for):
    from members.models import Organisation
    from tests.members.factories import OrganisationFactory

    cache.clear()
    active = OrganisationFactory(state=Organisation.State.ACTIVE, name="Ligue des droits", email="secret@example.org", country="CM")
    OrganisationFactory(state=Organisation.State.SUSPENDED, name="Suspendue", country="CM")
    response = anonymous_api.get("/api/v1/directory/")
    assert response.status_code == 200 and "public" in response["Cache-Control"]
    rows = response.json()
    assert [row["name"] for row in rows] == ["Ligue des droits"]
    assert "secret@example.org" not in response.content.decode()
    assert rows[0]["id"] == active.pk and rows[0]["country"] == "CM"
    assert anonymous_api.get("/api/v1/directory/", country="GA").json() == []


def test_anonymous_programs_get_nothing_else(anonymous_api, in_committee):
    for path in ("/api/v1/dossiers/", f"/api/v1/dossiers/{in_committee.reference}/", "/api/v1/ballots/", "/api/v1/opportunities/"):
        response = anonymous_api.get(path)
        assert response.status_code == 401 and response.json()["status"] == 401, path


def test_opportunities_are_for_those_who_may_see_them(make_user, api_for):
    from tests.grants.factories import make_opportunity

    fundraiser = make_user("fundraising_group")
    call = make_opportunity(by=fundraiser)
    assert [o["reference"] for o in api_for(fundraiser).get("/api/v1/opportunities/").json()] == [call.reference]
    assert api_for(make_user("applicant")).get("/api/v1/opportunities/").json() == []


def test_the_applicant_lists_and_downloads_the_decision_letter(make_user, api_for, seat_committee, settings):
    from approvals.models import Decision, Letter
    from approvals.services import relay
    from tests.members.factories import ApplicationFactory
    from tests.members.test_workflow import to_copil, vote_all

    settings.RELAIS_SOFFICE = "/bin/false"  # the .docx is enough here
    seat_committee("copil", members=6, chair_email="chair@example.org")
    application = ApplicationFactory()
    ballot = to_copil(application, make_user("membership_group"))
    vote_all(ballot, "approve")
    relay()
    letter = Letter.objects.get(decision=Decision.objects.get(ballot_id=ballot.pk))

    listed = api_for(application.owner, scope="read").get(f"/api/v1/dossiers/{application.reference}/letters/").json()
    assert [(row["reference"], row["verification_code"]) for row in listed] == [(letter.reference, letter.verification_code)]
    download = api_for(application.owner, scope="read").get(listed[0]["docx"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == letter.file.open("rb").read()
    assert listed[0]["pdf"] is None
    # someone else: the letter does not exist for them
    outsider = api_for(make_user("applicant"), scope="read")
    assert outsider.get(f"/api/v1/dossiers/{application.reference}/letters/").status_code == 404
    assert outsider.get(listed[0]["docx"]).status_code == 404
