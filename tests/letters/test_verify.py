"""/verify/: anyone checks a code and, optionally, a file; nothing else leaks."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from approvals.models import Letter


@pytest.fixture(autouse=True)
def fresh_rate_limits(db):
    """Each test starts with no checks counted against its address."""
    cache.clear()


@pytest.fixture
def letter(petition_letters, make_petition, club, decide, relay_outbox):
    decision = decide(make_petition(club=club, title="Pétition confidentielle"), "approve")
    relay_outbox()
    return Letter.objects.get(decision=decision)


def docx_bytes(letter) -> bytes:
    with letter.file.open("rb") as handle:
        return handle.read()


def test_a_real_code_is_confirmed_with_reference_and_date_only(letter, client):
    # a visitor who is not signed in, typing the code as printed (with dashes, lower case)
    response = client.post("/verify/", {"code": letter.display_code.lower()})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Lettre authentique" in page and letter.reference in page
    # nothing about the dossier: not its reference, its organisation or its title
    assert letter.dossier_reference not in page
    assert "Association des juristes" not in page and "Pétition confidentielle" not in page


def test_a_matching_file_is_confirmed(letter, client):
    upload = SimpleUploadedFile("lettre.docx", docx_bytes(letter))
    page = client.post("/verify/", {"code": letter.verification_code, "file": upload}).content.decode()
    assert "exactement cette lettre" in page


def test_the_pdf_copy_matches_too(letter, client):
    with letter.pdf_file.open("rb") as handle:
        upload = SimpleUploadedFile("lettre.pdf", handle.read())
    page = client.post("/verify/", {"code": letter.verification_code, "file": upload}).content.decode()
    assert "exactement cette lettre" in page


def test_a_changed_file_is_rejected(letter, client):
    changed = bytearray(docx_bytes(letter))
    changed[-1] ^= 0x01
    upload = SimpleUploadedFile("lettre.docx", bytes(changed))
    page = client.post("/verify/", {"code": letter.verification_code, "file": upload}).content.decode()
    assert "Lettre authentique" in page
    assert "ne correspond pas" in page and "exactement cette lettre" not in page


def test_a_forged_code_is_rejected(letter, client):
    forged = ("A" if letter.verification_code[0] != "A" else "B") + letter.verification_code[1:]
    page = client.post("/verify/", {"code": forged}).content.decode()
    assert "Aucune lettre ne porte ce code" in page and letter.reference not in page
    page = client.post("/verify/", {"code": "'; DROP TABLE letters; --"}).content.decode()
    assert "Aucune lettre ne porte ce code" in page


def test_a_file_from_an_earlier_revision_is_recognised_as_replaced(letter, client):
    from approvals.letters.services import decision_letter_issue, letter_template_upload

    from .helpers import docx_with

    # given a letter regenerated from a corrected template
    old = docx_bytes(letter)
    letter_template_upload(
        kind="membership_approved", language="fr", content=docx_with("Corrigée : {{ organisation_name }}"), by=None
    )
    decision_letter_issue(decision_id=letter.decision_id, regenerate=True)
    page = client.post(
        "/verify/", {"code": letter.verification_code, "file": SimpleUploadedFile("lettre.docx", old)}
    ).content.decode()
    assert "version antérieure" in page


def test_a_link_with_the_code_checks_it(letter, client):
    page = client.get("/verify/", {"code": letter.display_code}).content.decode()
    assert "Lettre authentique" in page


def test_checks_are_rate_limited(letter, client, settings):
    settings.RELAIS_VERIFY_RATE = "3/600"
    for _ in range(3):
        assert client.post("/verify/", {"code": "NOPE"}).status_code == 200
    response = client.post("/verify/", {"code": letter.verification_code})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Trop de vérifications" in page and letter.reference not in page
    # the empty form itself is never limited
    assert client.get("/verify/").status_code == 200


def test_the_page_speaks_english_to_english_browsers(letter, client):
    response = client.post("/verify/", {"code": letter.verification_code}, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert "Verify a letter" in page and "Authentic letter." in page
