"""PDF copies by LibreOffice headless, in the worker.

soffice exits 0 even when it converted nothing, and two instances sharing a
profile directory step on each other: each conversion gets its own profile
and work directory, a time limit (the whole process group is killed past
it), and its output is checked (exists, not empty, starts like a PDF).
"""

import logging
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

log = logging.getLogger(__name__)


class PdfConversionFailed(Exception):
    """No PDF came out; the message says why, without any content of the letter."""


def soffice_binary() -> str:
    return getattr(settings, "RELAIS_SOFFICE", "") or shutil.which("soffice") or "/usr/bin/soffice"


def to_pdf(docx: bytes, *, timeout: int | None = None) -> bytes:
    timeout = timeout or int(getattr(settings, "RELAIS_PDF_TIMEOUT_SECONDS", 60))
    binary = soffice_binary()
    if not Path(binary).exists() and shutil.which(binary) is None:
        raise PdfConversionFailed(f"LibreOffice not found ({binary}); install libreoffice-writer-nogui.")
    with tempfile.TemporaryDirectory(prefix="relais-pdf-") as work:
        work = Path(work)
        source = work / "letter.docx"
        source.write_bytes(docx)
        profile = work / "profile"
        outdir = work / "out"
        outdir.mkdir()
        command = [
            binary,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(source),
        ]
        env = {**os.environ, "HOME": str(work)}
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=work, env=env, start_new_session=True
        )
        try:
            _out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise PdfConversionFailed(f"LibreOffice did not finish within {timeout} s.") from None
        result = outdir / "letter.pdf"
        if process.returncode != 0:
            raise PdfConversionFailed(f"LibreOffice exited with status {process.returncode}: {_tail(err)}")
        if not result.exists() or result.stat().st_size == 0:
            raise PdfConversionFailed(f"LibreOffice produced no PDF: {_tail(err) or 'no message'}")
        pdf = result.read_bytes()
        if not pdf.startswith(b"%PDF-"):
            raise PdfConversionFailed("LibreOffice's output is not a PDF.")
        return pdf


def _kill(process):
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()


def _tail(stderr: bytes) -> str:
    # soffice's own words only (paths are under our temporary directory).
    return stderr.decode("utf-8", "replace").strip()[-300:]
