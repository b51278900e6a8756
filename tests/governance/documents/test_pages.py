"""The governance pages per role: who writes, who reads what, through HTTP."""

import html

import pytest
from django.test import Client

from approvals.models import Ballot, Choice
from approvals.services import vote_cast
from governance.models import Document

from .conftest import pdf_upload

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _create(client, group, *, audience="members", title="Plan de communication"):
    response = client.post(
        f"/gouvernance/groupes/{group.slug}/documents/nouveau/",
        {"kind": "communication_plan", "title": title, "summary": "Les messages et les canaux.", "audience": audience},
    )
    assert response.status_code == 302, response.content
    return Document.objects.get(title=title)


def _adopt_through_pages(client, group, copil, document, versions=2):
    for number in range(versions):
        response = client.post(f"/gouvernance/documents/{document.reference}/versions/", {"upload": pdf_upload(f"v{number}.pdf"), "note": ""})
        assert response.status_code == 302
    assert client.post(f"/gouvernance/documents/{document.reference}/soumettre/", {"comment": ""}).status_code == 302
    ballot = Ballot.objects.get(dossier_reference=document.reference, status=Ballot.Status.OPEN)
    for member in [copil.chair, *copil.members.exclude(pk=copil.chair_id)]:
        ballot.refresh_from_db()
        if ballot.status == Ballot.Status.OPEN:
            vote_cast(ballot_id=ballot.pk, by=member, choice=Choice.APPROVE)
    document.refresh_from_db()
    assert document.state == Document.State.ADOPTED


def test_the_group_page_shows_members_lead_and_documents(group, client_for, make_user):
    lead = client_for(group.lead)
    document = _create(lead, group)
    page = _text(client_for(group.member).get(f"/gouvernance/groupes/{group.slug}/"))
    assert "Aline Lead" in page and "Bruno Membre" in page and "référent·e" in page and document.reference in page
    # every group is listed, the six of the action plan
    listing = _text(client_for(make_user("member_focal_point")).get("/gouvernance/groupes/"))
    for name in ("Adhésion et gouvernance", "Recherche de financement", "Fonds d'urgence", "Communication et plaidoyer",
                 "Formation et renforcement des capacités", "Suivi-évaluation"):
        assert name in listing
    # a reader outside the group sees no draft on the group page
    assert document.reference not in _text(client_for(make_user("member_focal_point")).get(f"/gouvernance/groupes/{group.slug}/"))


def test_a_non_member_of_the_group_cannot_submit(group, client_for, make_user, copil):
    outsider = client_for(make_user("member_focal_point"))
    assert outsider.get(f"/gouvernance/groupes/{group.slug}/documents/nouveau/").status_code == 403
    document = _create(client_for(group.lead), group)
    client_for(group.lead).post(f"/gouvernance/documents/{document.reference}/versions/", {"upload": pdf_upload()})
    assert outsider.post(f"/gouvernance/documents/{document.reference}/soumettre/", {}).status_code == 404
    # the COPIL reads the draft but does not submit for the group
    chair = client_for(copil.chair)
    assert chair.get(document.get_absolute_url()).status_code == 200
    assert chair.post(f"/gouvernance/documents/{document.reference}/soumettre/", {}).status_code == 403
    assert chair.post(f"/gouvernance/documents/{document.reference}/versions/", {"upload": pdf_upload()}).status_code == 403
    document.refresh_from_db()
    assert document.state == Document.State.DRAFT and document.versions.count() == 1


def test_members_read_only_published_documents_and_the_adopted_version(group, client_for, make_user, copil):
    lead = client_for(group.lead)
    document = _create(lead, group)
    reader = client_for(make_user("member_focal_point"))
    assert reader.get(document.get_absolute_url()).status_code == 404
    _adopt_through_pages(lead, group, copil, document, versions=2)

    page = _text(reader.get(document.get_absolute_url()))
    assert "publié pour les membres du réseau" in page and "Version 2" in page and "Version 1" not in page
    assert reader.get(f"/gouvernance/documents/{document.reference}/versions/2/").status_code == 200
    # the superseded version stays readable by those who could read it (the group, the COPIL), not the audience
    assert reader.get(f"/gouvernance/documents/{document.reference}/versions/1/").status_code == 404
    assert client_for(group.member).get(f"/gouvernance/documents/{document.reference}/versions/1/").status_code == 200
    assert client_for(copil.chair).get(f"/gouvernance/documents/{document.reference}/versions/1/").status_code == 200
    assert "Plan de communication" in _text(reader.get("/gouvernance/documents/"))
    # an applicant is not a member of the network; the public does not see it
    applicant = client_for(make_user("applicant"))
    assert applicant.get(document.get_absolute_url()).status_code == 404
    assert Client().get(document.get_absolute_url()).status_code == 404
    assert "Plan de communication" not in _text(Client().get("/gouvernance/documents/publics/"))


def test_the_public_sees_public_documents_only(group, client_for, copil):
    lead = client_for(group.lead)
    public = _create(lead, group, audience="public", title="Plan de plaidoyer public")
    copil_only = _create(lead, group, audience="copil", title="Budget interne")
    _adopt_through_pages(lead, group, copil, public, versions=1)
    _adopt_through_pages(lead, group, copil, copil_only, versions=1)
    anonymous = Client()
    listing = _text(anonymous.get("/gouvernance/documents/publics/"))
    assert "Plan de plaidoyer public" in listing and "Budget interne" not in listing
    assert anonymous.get(public.get_absolute_url()).status_code == 200
    assert anonymous.get(f"/gouvernance/documents/{public.reference}/versions/1/").status_code == 200
    assert anonymous.get(copil_only.get_absolute_url()).status_code == 404
    # COPIL-only: the COPIL reads it, members do not
    assert client_for(copil.members.exclude(pk=copil.chair_id).first()).get(copil_only.get_absolute_url()).status_code == 200
    assert client_for(group.secretariat).get("/gouvernance/documents/").status_code == 200


def test_a_hostile_upload_through_the_page_is_refused(group, client_for):
    lead = client_for(group.lead)
    document = _create(lead, group)
    from django.core.files.uploadedfile import SimpleUploadedFile

    hostile = SimpleUploadedFile("plan.pdf", b"<html><script>alert(document.cookie)</script></html>", content_type="application/pdf")
    response = lead.post(f"/gouvernance/documents/{document.reference}/versions/", {"upload": hostile})
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()
    assert document.versions.count() == 0
