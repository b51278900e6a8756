"""Applying through the form: a visitor gets an account, drafts are saved,
bad files are refused without losing what was typed."""

import html
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from members.models import ApplicationDocument, MembershipApplication, Theme, TargetGroup
from tests.members.factories import PDF_BYTES, pdf_upload

State = MembershipApplication.State
pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def form_data(**overrides):
    data = {
        "name": "Réseau des Juristes pour la Justice",
        "acronym": "RJJ",
        "country": "CF",
        "province": "Bangui",
        "city": "Bangui",
        "year_founded": "2012",
        "description": "Assistance juridique aux défenseurs.",
        "registration_number": "",
        "no_registration_reason": "Récépissé en cours de délivrance depuis 2023.",
        "domains": [str(Theme.objects.get(code="torture-prevention").pk)],
        "target_groups": [str(TargetGroup.objects.get(code="detainees").pk)],
        "legal_representative": "Didier Yakité",
        "contact_person": "Didier Yakité",
        "email": "contact@rjj.example.org",
        "phone": "+236 72 00 11 22",
        "action": "save",
    }
    data.update(overrides)
    return data


def account_data(**overrides):
    data = {"full_name": "Didier Yakité", "email": "didier@rjj.example.org", "password": "Bangui-2026-justice", "preferred_language": "fr"}
    data.update(overrides)
    return {f"account-{name}": value for name, value in data.items()}


def exe_renamed_pdf():
    return SimpleUploadedFile("statuts.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, content_type="application/pdf")


def test_a_visitor_sees_the_form_in_french_and_english(client):
    page = text(client.get("/membres/adhesion/"))
    assert "Demander l'adhésion de votre organisation" in page and "Enregistrer le brouillon" in page
    page = text(client.get("/membres/adhesion/", HTTP_ACCEPT_LANGUAGE="en"))
    assert "Save draft" in page


def test_a_visitor_saves_a_draft_and_gets_an_account(client):
    # when a visitor fills in part of the form and saves the draft
    response = client.post("/membres/adhesion/", {**form_data(), **account_data()})
    # then their account exists, they are signed in, and the draft keeps what they typed
    user = User.objects.get(email="didier@rjj.example.org")
    assert user.has_role("applicant") and user.check_password("Bangui-2026-justice")
    application = MembershipApplication.objects.get()
    assert response.status_code == 302 and response["Location"] == application.get_absolute_url()
    assert application.owner == user and application.state == State.DRAFT
    assert application.name == "Réseau des Juristes pour la Justice" and application.province == "Bangui"
    page = text(client.get(application.get_absolute_url()))
    assert "Réseau des Juristes pour la Justice" in page


def test_an_existing_email_creates_nothing_and_says_to_sign_in(client, applicant):
    response = client.post("/membres/adhesion/", {**form_data(), **account_data(email=applicant.email)})
    assert response.status_code == 400
    assert "connectez-vous" in text(response)
    assert MembershipApplication.objects.count() == 0


def test_an_exe_renamed_pdf_is_refused_and_the_draft_keeps_everything_else(client_for, make_application):
    # given an applicant's draft
    application = make_application(statutes=False, province="")
    client = client_for(application.owner)
    # when they type more and upload an .exe renamed .pdf
    response = client.post(
        application.get_absolute_url(),
        form_data(name=application.name, country=application.country, province="Ogooué-Maritime", city="Port-Gentil",
                  statutes=exe_renamed_pdf()),
    )
    # then the file is refused with a message saying why
    page = text(response)
    assert response.status_code == 400
    assert "n'est pas d'un type accepté" in page and "statuts.pdf" in page
    assert not ApplicationDocument.objects.exists()
    # and everything else typed is kept: saved, and shown again in the form
    application.refresh_from_db()
    assert application.province == "Ogooué-Maritime" and application.city == "Port-Gentil"
    assert 'value="Port-Gentil"' in page


def test_a_file_over_the_limit_is_refused_for_a_new_visitor_whose_draft_is_kept(client, settings):
    settings.RELAIS_UPLOAD_MAX_BYTES = 1000
    big = SimpleUploadedFile("rapport.pdf", PDF_BYTES + b"0" * 2000, content_type="application/pdf")
    response = client.post("/membres/adhesion/", {**form_data(activity_report=big), **account_data()})
    page = text(response)
    assert response.status_code == 400
    assert "la limite est de" in page
    application = MembershipApplication.objects.get()
    assert application.name == "Réseau des Juristes pour la Justice" and application.email == "contact@rjj.example.org"
    assert not application.documents.exists()


def test_a_real_pdf_docx_and_odt_are_accepted_and_stored_privately(client_for, make_application, private_storage):
    application = make_application(statutes=False)
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("word/document.xml", "<w:document/>")
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    response = client_for(application.owner).post(
        application.get_absolute_url(),
        form_data(
            statutes=pdf_upload(),
            receipt=SimpleUploadedFile("recepisse.docx", docx.getvalue()),
            activity_report=SimpleUploadedFile("rapport.odt", odt.getvalue()),
        ),
    )
    assert response.status_code == 302
    kinds = dict(application.documents.values_list("kind", "content_type"))
    assert kinds == {
        "statutes": "application/pdf",
        "receipt": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "activity_report": "application/vnd.oasis.opendocument.text",
    }
    stored = application.documents.get(kind="statutes")
    assert str(private_storage) in stored.file.path and "statuts" not in stored.file.name


def test_submission_needs_the_charter_and_a_receipt_or_its_reason(client_for, make_application):
    application = make_application(charter_accepted_at=None)
    response = client_for(application.owner).post(
        application.get_absolute_url(), form_data(no_registration_reason="", action="submit")
    )
    page = text(response)
    assert response.status_code == 400
    assert "acceptez la charte" in page and "la raison de son absence" in page
    application.refresh_from_db()
    assert application.state == State.DRAFT


def test_submitting_a_complete_application(client_for, make_application):
    application = make_application()
    response = client_for(application.owner).post(
        application.get_absolute_url(), form_data(charter_accepted="on", action="submit")
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == State.SUBMITTED and application.name == "Réseau des Juristes pour la Justice"


def test_documents_are_served_only_to_those_who_may_see_the_application(client_for, make_application, make_user, reviewer):
    application = make_application()
    document = application.documents.get()
    url = document.get_absolute_url()
    response = client_for(application.owner).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert "attachment" in response["Content-Disposition"]
    assert client_for(reviewer).get(url).status_code == 200
    assert client_for(make_user("applicant")).get(url).status_code == 404
    assert client_for(make_user("member_focal_point")).get(url).status_code == 404


def test_the_long_form_shows_its_steps_and_keeps_the_draft_between_them(client):
    # a visitor sees seven steps, none complete but the optional references
    page = text(client.get("/membres/adhesion/"))
    assert "Où en est votre demande" in page and "1 étape complète sur 7" in page
    assert 'id="etape-1"' in page and "Étape 1 sur 7 · L'organisation" in page
    # when she fills in the first step only and saves it to go on
    first_step = {"name": "Réseau des Juristes pour la Justice", "country": "CF", "action": "save:etape-2"}
    response = client.post("/membres/adhesion/", {**first_step, **account_data()})
    # then the draft is kept and she is taken to the second step of it
    application = MembershipApplication.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{application.get_absolute_url()}#etape-2"
    # when she completes the next steps, a step at a time
    response = client.post(application.get_absolute_url(), form_data(action="save:etape-5"))
    assert response["Location"] == f"{application.get_absolute_url()}#etape-5"
    # then what each step needs is marked complete; the documents and the charter remain
    page = text(client.get(application.get_absolute_url()))
    assert "5 étapes complètes sur 7" in page
    assert page.count("à compléter") == 2
    # a step name that is not one of the form's goes back to the top of the draft
    response = client.post(application.get_absolute_url(), form_data(action="save:ailleurs"))
    assert response["Location"] == application.get_absolute_url()
