"""The PDF copy comes from LibreOffice in the worker; a failure leaves the
.docx available and is shown to administrators."""

from io import BytesIO

import pypdf

from approvals.letters.pdf import PdfConversionFailed, to_pdf
from approvals.models import Letter

from .helpers import docx_with


def pdf_text(letter) -> str:
    with letter.pdf_file.open("rb") as handle:
        reader = pypdf.PdfReader(BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_exists_and_holds_the_same_text(real_pdf, petition_letters, make_petition, club, decide, relay_outbox):
    club.name = 'Droits & Libertés <Tchad> "ADL"'
    club.save()
    decision = decide(make_petition(club=club), "approve")
    relay_outbox()  # renders the .docx, then queues and runs the PDF conversion
    letter = Letter.objects.get(decision=decision)
    assert letter.pdf_status == Letter.PdfStatus.DONE, letter.pdf_error
    assert letter.pdf_sha256 and letter.pdf_file.size > 1000
    text = " ".join(pdf_text(letter).split())
    assert 'Droits & Libertés <Tchad> "ADL"' in text
    assert decision.reference in text and letter.reference in text
    assert letter.display_code in text


def test_a_failed_conversion_keeps_the_docx_and_shows_the_failure(
    real_pdf, petition_letters, settings, make_petition, club, decide, relay_outbox, make_user, client_for
):
    # given LibreOffice that exits 0 and writes nothing (as soffice does when it fails)
    settings.RELAIS_SOFFICE = "/bin/true"
    applicant = make_user("applicant")
    decision = decide(make_petition(owner=applicant, club=club), "approve")
    relay_outbox()
    letter = Letter.objects.get(decision=decision)
    # then the failure is recorded, and the .docx still downloads
    assert letter.pdf_status == Letter.PdfStatus.FAILED
    assert "no PDF" in letter.pdf_error
    assert client_for(applicant).get(letter.get_absolute_url()).status_code == 200
    assert client_for(applicant).get(letter.pdf_url).status_code == 404
    # and administrators see it in the list of letters
    admin = make_user("administrator", is_staff=True)
    page = client_for(admin).get("/admin/approvals/letter/?pdf_status__exact=failed").content.decode()
    assert letter.reference in page


def test_conversion_is_checked_and_timed_out(settings, tmp_path):
    script = tmp_path / "slow-soffice"
    script.write_text("#!/bin/sh\nsleep 30\n")
    script.chmod(0o755)
    settings.RELAIS_SOFFICE = str(script)
    try:
        to_pdf(docx_with("Bonjour"), timeout=1)
    except PdfConversionFailed as failure:
        assert "did not finish" in str(failure)
    else:
        raise AssertionError("a hanging LibreOffice must not hang the worker")



def test_administrators_retry_a_failed_conversion(petition_letters, make_petition, club, decide, relay_outbox, make_user, client_for):
    decision = decide(make_petition(club=club), "approve")
    relay_outbox()
    letter = Letter.objects.get(decision=decision)
    Letter.objects.filter(pk=letter.pk).update(pdf_status=Letter.PdfStatus.FAILED, pdf_error="LibreOffice did not finish")
    admin = make_user("administrator", is_staff=True)
    response = client_for(admin).post(
        "/admin/approvals/letter/", {"action": "retry_pdf", "_selected_action": [letter.pk]}
    )
    assert response.status_code == 302
    relay_outbox()
    letter.refresh_from_db()
    assert (letter.pdf_status, letter.pdf_error) == (Letter.PdfStatus.DONE, "")
