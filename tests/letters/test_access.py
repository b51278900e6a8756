"""A letter leaves only through the permission-checked view."""

import pytest

from approvals.models import Letter
from tests.dossiers.models import Petition


@pytest.fixture
def approved_letter(petition_letters, make_user, make_petition, club, decide, relay_outbox):
    applicant = make_user("applicant", email="applicant@example.org")
    decision = decide(make_petition(owner=applicant, club=club), "approve")
    relay_outbox()
    return Letter.objects.get(decision=decision)


def test_the_applicant_downloads_their_letter_privately(approved_letter, client_for):
    response = client_for(approved_letter.recipient).get(approved_letter.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert approved_letter.reference in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_another_applicant_gets_404(approved_letter, make_user, client_for):
    stranger = make_user("applicant", email="other@example.org")
    assert client_for(stranger).get(approved_letter.get_absolute_url()).status_code == 404
    assert client_for(stranger).get(approved_letter.pdf_url).status_code == 404
    assert client_for(stranger).get(f"/dossiers/{approved_letter.dossier_reference}/lettres/").status_code == 404


def test_someone_who_sees_the_dossier_but_not_its_letters_gets_403(approved_letter, make_user, client_for):
    from approvals.access import grant

    partner = make_user("member_focal_point")
    grant(partner, approved_letter.dossier, "view")
    assert client_for(partner).get(approved_letter.get_absolute_url()).status_code == 403


def test_the_committee_reads_the_letter(approved_letter, copil, client_for):
    member = copil.members.exclude(pk=copil.chair_id).first()
    assert client_for(member).get(approved_letter.get_absolute_url()).status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in(approved_letter, client):
    response = client.get(approved_letter.get_absolute_url())
    assert response.status_code == 302 and "/compte/" in response["Location"]


def test_the_dossier_page_of_letters_lists_it_for_the_applicant(approved_letter, client_for):
    page = client_for(approved_letter.recipient).get(f"/dossiers/{approved_letter.dossier_reference}/lettres/")
    assert page.status_code == 200
    assert approved_letter.reference in page.content.decode()


def test_sensitive_letters_stay_with_those_who_see_the_inside(approved_letter, monkeypatch, make_user, client_for, copil):
    # given the letter of a sensitive dossier kind (as emergency cases are)
    monkeypatch.setattr(Petition, "sensitive", True)
    Letter.objects.filter(pk=approved_letter.pk).update(sensitive=True)
    # then an administrator with every letter right still gets 404
    admin = make_user("administrator", is_staff=True)
    assert client_for(admin).get(approved_letter.get_absolute_url()).status_code == 404
    # while a committee member who sat on its ballot reads it
    member = copil.members.exclude(pk=copil.chair_id).first()
    assert client_for(member).get(approved_letter.get_absolute_url()).status_code == 200


def test_unknown_formats_and_letters_are_404(approved_letter, client_for):
    client = client_for(approved_letter.recipient)
    assert client.get(f"/lettres/{approved_letter.pk}/exe/").status_code == 404
    assert client.get(f"/lettres/{approved_letter.pk + 999}/docx/").status_code == 404


def test_each_download_is_reported_to_the_dossier_kind(approved_letter, monkeypatch, client_for):
    reads = []
    monkeypatch.setattr(Petition, "viewed", lambda self, request, part: reads.append((self.pk, request.user.pk, part)))
    client_for(approved_letter.recipient).get(approved_letter.get_absolute_url())
    assert reads == [(approved_letter.object_id, approved_letter.recipient_id, "letter")]
