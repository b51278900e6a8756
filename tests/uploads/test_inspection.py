"""What the shared inspection keeps, drops and says, seen from the pages."""

import html
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from approvals.uploads import UPLOAD_POLICIES, inspect_upload
from grants.models import ProposalDocument
from grants.services import proposal_create
from members.models import ApplicationDocument
from tests.grants.factories import member_with_focal_point
from tests.members.factories import ApplicationFactory, application_post_data

from . import samples
from .test_every_path import PATHS, ctx  # noqa: F401


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_refusal_is_in_english_for_an_english_reader(ctx):
    ctx.client.logout()
    ctx.client.cookies.clear()
    name, content = samples.hostile_files()["docx_bomb"]
    client = ctx.client
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = PATHS["membership form"].post(ctx, name, content)
    assert response.status_code == 400
    assert "The file “statuts.docx” is refused: once decompressed it would exceed" in _text(response)
    assert not ApplicationDocument.objects.exists()


def test_a_photo_is_stored_re_encoded_without_its_metadata_or_what_follows_it(db, client_for, settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    picture = Image.new("RGB", (40, 30), (10, 120, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {1: "N", 2: (4.0, 3.0, 0.0)}  # a GPS position
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif)
    photo = out.getvalue() + b"TRAILING-PAYLOAD-" * 20
    application = ApplicationFactory(statutes=False)
    response = client_for(application.owner).post(
        application.get_absolute_url(),
        application_post_data(application, statutes=SimpleUploadedFile("statuts.jpg", photo)),
    )
    assert response.status_code == 302
    document = application.documents.get()
    with document.file.open("rb") as handle:
        stored = handle.read()
    assert b"TRAILING-PAYLOAD" not in stored and b"PhoneMaker" not in stored
    with Image.open(io.BytesIO(stored)) as again:
        assert again.size == (40, 30) and not again.getexif()
    assert document.size == len(stored) and document.content_type == "image/jpeg"


def test_a_proposal_document_is_named_at_download_by_what_it_is_not_by_its_name(db, client_for, fundraiser, settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    organisation, focal = member_with_focal_point(email="lead@example.org")
    proposal = proposal_create(by=fundraiser, title="Projet commun", lead_organisation_id=organisation.pk, currency="XAF")
    client = client_for(focal)
    url = f"{proposal.get_absolute_url()}documents/"
    response = client.post(url, {"title": "Carte", "organisation": organisation.pk,
                                 "upload": SimpleUploadedFile("carte.pdf", samples.png_bytes())})
    assert response.status_code == 302
    document = ProposalDocument.objects.get()
    download = client.get(f"{url}{document.pk}/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="carte.png"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/octet-stream"


def test_a_membership_document_is_served_as_an_attachment_named_by_its_detected_type(db, client_for, settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    application = ApplicationFactory(statutes=False)
    client = client_for(application.owner)
    client.post(application.get_absolute_url(),
                application_post_data(application, statutes=SimpleUploadedFile("statuts.docx", samples.pdf_bytes())))
    document = application.documents.get()
    download = client.get(document.get_absolute_url())
    assert download["Content-Disposition"] == 'attachment; filename="statuts.pdf"'
    assert download["Content-Type"] == "application/pdf" and download["X-Content-Type-Options"] == "nosniff"


def test_the_archive_caps_are_settings(settings):
    policy = UPLOAD_POLICIES["proposal_document"]
    assert inspect_upload(samples.office_file("docx"), accept=policy, name="a.docx").extension == "docx"
    settings.RELAIS_UPLOAD_ARCHIVE_MAX_MEMBERS = 1
    try:
        inspect_upload(samples.office_file("docx"), accept=policy, name="a.docx")
    except Exception as error:  # noqa: BLE001 - the message is what is checked
        assert "trop d'éléments" in " ".join(error.messages)
    else:
        raise AssertionError("an archive over the member cap was accepted")


def test_an_image_over_the_pixel_cap_is_refused_before_it_is_decoded(settings):
    settings.RELAIS_UPLOAD_MAX_PIXELS = 1000
    policy = UPLOAD_POLICIES["case_document"]
    try:
        inspect_upload(samples.png_bytes(size=(100, 100)), accept=policy, name="photo.png")
    except Exception as error:  # noqa: BLE001
        assert error.code == "too_many_pixels" and "100 × 100" in error.messages[0]
    else:
        raise AssertionError("an image over the pixel cap was accepted")


def test_old_office_files_and_macros_are_refused_with_what_to_do():
    policy = UPLOAD_POLICIES["proposal_document"]
    old_word = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    macro_types = samples.DOCX_TYPES.replace(b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
    macros = samples.build_zip([samples._member("[Content_Types].xml", macro_types),
                                samples._member("word/document.xml", b"<w:document/>"),
                                samples._member("word/vbaProject.bin", b"\x00" * 64)])
    for name, content, code in (("budget.doc", old_word, "legacy_office"), ("note.docx", macros, "macros")):
        try:
            inspect_upload(content, accept=policy, name=name)
        except Exception as error:  # noqa: BLE001
            assert error.code == code and "déposez-le à nouveau" in error.messages[0]
        else:
            raise AssertionError(f"{name} was accepted")
