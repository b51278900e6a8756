"""Letters to PDF in batches: one LibreOffice call for many letters, every
output checked, the letters that failed retried alone; the chair's bulk
regeneration goes through it and still shows its progress."""

import stat
from io import BytesIO

import pypdf
import pytest

from approvals.letters.pdf import PdfConversionFailed, to_pdf, to_pdf_many
from approvals.models import Letter, LetterBatch, OutboxMessage

from .factories import DecisionFactory
from .helpers import docx_with


def text_of(pdf: bytes) -> str:
    reader = pypdf.PdfReader(BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def leftovers(root):
    """Work directories left under `root` (the kept profile is not one)."""
    return sorted(p.name for p in root.iterdir() if p.name.startswith("relais-pdf-") and "profile" not in p.name)


@pytest.mark.parametrize("parallel", [1, 2])
def test_a_batch_with_a_broken_letter_converts_the_others(parallel, settings, tmp_path):
    settings.RELAIS_PDF_WORK_ROOT = str(tmp_path)
    settings.RELAIS_PDF_PARALLEL = parallel
    letters = [
        docx_with("Première lettre", "Madame Awa Diallo"),
        b"PK\x03\x04 this is not a docx at all",
        docx_with("Troisième lettre", "Monsieur Jean Mbarga"),
        b"",
        docx_with("Quatrième lettre"),
    ]
    results = to_pdf_many(letters)
    assert len(results) == 5
    assert "Première lettre Madame Awa Diallo" in text_of(results[0])
    assert "Troisième lettre Monsieur Jean Mbarga" in text_of(results[2])
    assert "Quatrième lettre" in text_of(results[4])
    assert isinstance(results[1], PdfConversionFailed) and "not a .docx" in str(results[1])
    assert isinstance(results[3], PdfConversionFailed)
    assert leftovers(tmp_path) == []


def test_letters_a_call_left_without_pdf_are_retried_one_by_one(settings, tmp_path):
    # given a LibreOffice that silently skips the second letter of a call
    # over several (as soffice does with a letter it cannot load: exit 0)
    calls = tmp_path / "calls.log"
    script = tmp_path / "flaky-soffice"
    script.write_text(
        "#!/bin/bash\n"
        f"many=$(printf '%s\\n' \"$@\" | grep -c '\\.docx$'); echo $many >> {calls}\n"
        "args=(); n=0\n"
        'for a in "$@"; do if [[ $a == *.docx ]]; then n=$((n+1)); '
        "if [[ $many -gt 1 && $n -eq 2 ]]; then continue; fi; fi; args+=(\"$a\"); done\n"
        'exec /usr/lib/libreoffice/program/soffice.bin "${args[@]}"\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    settings.RELAIS_SOFFICE = str(script)
    settings.RELAIS_PDF_WORK_ROOT = str(tmp_path / "work")
    results = to_pdf_many([docx_with(f"Lettre numéro {n}") for n in range(1, 5)])
    # then every letter has its PDF, the skipped one from a call of its own
    assert [f"Lettre numéro {n}" in text_of(pdf) for n, pdf in enumerate(results, start=1)] == [True] * 4
    # (a first call may run twice: soffice.bin asks to be restarted once it made its new profile)
    calls = calls.read_text().split()
    assert set(calls[:-1]) == {"4"} and calls[-1] == "1"


def test_a_letter_past_its_time_limit_fails_alone_and_the_others_convert(settings, tmp_path, huge_docx):
    settings.RELAIS_PDF_WORK_ROOT = str(tmp_path)
    settings.RELAIS_PDF_SECONDS_PER_LETTER = 5
    results = to_pdf_many([docx_with("Avant"), huge_docx, docx_with("Après")], timeout=6)
    assert "Avant" in text_of(results[0]) and "Après" in text_of(results[2])
    assert isinstance(results[1], PdfConversionFailed)
    assert "did not finish within 6 s" in str(results[1])
    assert leftovers(tmp_path) == []


def test_to_pdf_is_a_batch_of_one(settings, tmp_path):
    settings.RELAIS_PDF_WORK_ROOT = str(tmp_path)
    assert "Bonjour" in text_of(to_pdf(docx_with("Bonjour")))
    try:
        to_pdf(b"plain text")
    except PdfConversionFailed as failure:
        assert "not a .docx" in str(failure)
    else:
        raise AssertionError("bytes that are no .docx must not become a PDF")


def test_the_chairs_bulk_regeneration_makes_the_pdfs_by_chunks(
    real_pdf, settings, petition_letters, copil, club, client_for, relay_outbox, tmp_path
):
    settings.RELAIS_LETTER_BATCH_CHUNK = 2
    settings.RELAIS_PDF_WORK_ROOT = str(tmp_path)
    decisions = [DecisionFactory(petition__club=club) for _ in range(3)]
    relay_outbox()
    chair = client_for(copil.chair)
    chair.post("/lettres/decisions/", {"decision": [d.pk for d in decisions]})
    batch = LetterBatch.objects.get()
    assert OutboxMessage.objects.filter(topic="letter.batch.chunk", status="pending").count() == 2
    relay_outbox(limit=1)  # the first chunk: two letters and their PDFs
    page = chair.get(batch.get_absolute_url()).content.decode()
    assert '<progress max="3" value="2"' in page and 'http-equiv="refresh"' in page
    relay_outbox()
    page = chair.get(batch.get_absolute_url()).content.decode()
    assert '<progress max="3" value="3"' in page and 'http-equiv="refresh"' not in page
    for decision in decisions:
        letter = Letter.objects.get(decision=decision)
        assert letter.pdf_status == Letter.PdfStatus.DONE, letter.pdf_error
        with letter.pdf_file.open("rb") as handle:
            assert letter.reference in text_of(handle.read())
    # the PDFs came from the chunks, not from one conversion per letter
    assert not OutboxMessage.objects.filter(topic="letter.pdf").exists()


def test_progress_moves_chunk_by_chunk_and_a_failed_pdf_is_recorded(
    settings, petition_letters, copil, club, client_for, relay_outbox, monkeypatch
):
    settings.RELAIS_LETTER_BATCH_CHUNK = 2
    decisions = [DecisionFactory(petition__club=club) for _ in range(5)]
    relay_outbox()
    sizes = []

    def convert(docxs, **kwargs):
        sizes.append(len(docxs))
        return [b"%PDF-1.4\n%%EOF\n"] * (len(docxs) - 1) + [PdfConversionFailed("LibreOffice produced no PDF")]

    monkeypatch.setattr("approvals.letters.services.issuing.to_pdf_many", convert)
    chair = client_for(copil.chair)
    chair.post("/lettres/decisions/", {"decision": [d.pk for d in decisions]})
    batch = LetterBatch.objects.get()
    seen = []
    while relay_outbox(limit=1):
        page = chair.get(batch.get_absolute_url()).content.decode()
        seen.append(page.split('<progress max="5" value="')[1].split('"')[0])
    assert seen == ["2", "4", "5"]
    assert sizes == [2, 2, 1]
    statuses = sorted(Letter.objects.filter(decision__in=decisions).values_list("pdf_status", flat=True))
    assert statuses == ["done", "done", "failed", "failed", "failed"]
