"""No LibreOffice outlives its caller or its time limit, and what a dead
conversion leaves is swept (issue: a killed worker's LibreOffice ran on
alone for 50 minutes and its temporary directory stayed)."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from celery.signals import worker_ready
from django.core.management import call_command

import pytest

from approvals.letters.pdf import PdfConversionFailed, to_pdf

from .helpers import docx_with

ROOT = Path(__file__).resolve().parents[2]


def processes_naming(path) -> list[int]:
    """Live processes whose command line names `path` (LibreOffice, supervisor)."""
    needle = str(path).encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if needle in cmdline and state != "Z":
                found.append(int(entry.name))
    return found


def soffice_running_in(path) -> bool:
    for pid in processes_naming(path):
        try:
            if b"soffice" in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]:
                return True
        except OSError:
            pass
    return False


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def work_dirs(root) -> list[str]:
    return sorted(p.name for p in Path(root).iterdir() if p.name.startswith("relais-pdf-"))


@pytest.fixture
def converting_child(tmp_path, huge_docx):
    """Start a Python process that converts a huge letter (limit: 10 minutes)
    under tmp_path, and wait until its LibreOffice runs."""
    children = []

    def start(*, own_session=False):
        letter = tmp_path / "huge.docx"
        letter.write_bytes(huge_docx)
        work = tmp_path / "work"
        work.mkdir(exist_ok=True)
        code = textwrap.dedent(
            f"""
            import sys
            sys.path.insert(0, {str(ROOT)!r})
            from django.conf import settings
            settings.configure(RELAIS_PDF_WORK_ROOT={str(work)!r})
            from approvals.letters.pdf import to_pdf
            to_pdf(open({str(letter)!r}, "rb").read(), timeout=600)
            """
        )
        child = subprocess.Popen([sys.executable, "-c", code], start_new_session=own_session)
        children.append(child)
        assert wait_for(lambda: soffice_running_in(work), 60), "LibreOffice did not start"
        time.sleep(1)
        return child, work

    yield start
    for child in children:
        if child.poll() is None:
            child.kill()
        child.wait()


def test_killing_the_caller_with_sigkill_kills_its_libreoffice_and_removes_its_work(converting_child):
    child, work = converting_child()
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert wait_for(lambda: not processes_naming(work), 10), "LibreOffice outlived its caller"
    assert wait_for(lambda: work_dirs(work) == [], 5), work_dirs(work)


def test_killing_caller_and_supervisor_together_leaves_only_directories_that_the_sweep_removes(
    converting_child, settings, capsys
):
    # given the caller's whole process group killed at once (its supervisor too)
    child, work = converting_child(own_session=True)
    os.killpg(child.pid, signal.SIGKILL)
    child.wait()
    # then LibreOffice, bound to its supervisor's death, is gone as well
    assert wait_for(lambda: not soffice_running_in(work), 10), "LibreOffice outlived its supervisor"
    # and the directories nobody holds any more are found, then removed
    settings.RELAIS_PDF_WORK_ROOT = str(work)
    assert work_dirs(work)
    call_command("sweep_pdf_leftovers")
    assert "2 leftover director(y/ies)" in capsys.readouterr().out and work_dirs(work)
    call_command("sweep_pdf_leftovers", "--delete")
    assert work_dirs(work) == []


def test_the_sweep_kills_a_libreoffice_nobody_watches(tmp_path, settings, huge_docx):
    # given a LibreOffice started as before the fix (launcher, own session,
    # no supervisor) in a work directory whose holder is gone
    settings.RELAIS_PDF_WORK_ROOT = str(tmp_path)
    stray = tmp_path / "relais-pdf-stray1"
    (stray / "out").mkdir(parents=True)
    (stray / ".relais-lock").touch()
    (stray / "letter.docx").write_bytes(huge_docx)
    process = subprocess.Popen(
        [
            "soffice", "--headless", "--norestore", f"-env:UserInstallation={(stray / 'profile').as_uri()}",
            "--convert-to", "pdf", "--outdir", str(stray / "out"), str(stray / "letter.docx"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env={**os.environ, "HOME": str(stray)},
    )
    try:
        assert wait_for(lambda: soffice_running_in(stray), 60)
        # when the worker starts (it sweeps)
        worker_ready.send(sender=None)
        # then that LibreOffice is killed and its directory removed
        assert wait_for(lambda: not processes_naming(stray), 10)
        assert not stray.exists()
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


def test_a_directory_in_use_is_not_swept(settings, tmp_path, huge_docx):
    # a conversion in this process holds its directory: a sweep meanwhile
    # (another worker starting) leaves it and its LibreOffice alone
    import threading

    settings.RELAIS_PDF_WORK_ROOT = str(tmp_path)
    # The process's profile made first, so that the LibreOffice below converts
    # at once: on a busy machine a first start took most of the time limit,
    # and the limit then stopped it while the sweep was still looking.
    to_pdf(docx_with("Bonjour"))
    outcome = {}

    def convert():
        try:
            to_pdf(huge_docx, timeout=12)
        except PdfConversionFailed as failure:
            outcome["failure"] = str(failure)

    thread = threading.Thread(target=convert)
    thread.start()
    try:
        assert wait_for(lambda: soffice_running_in(tmp_path), 60)
        call_command("sweep_pdf_leftovers", "--delete")
        assert soffice_running_in(tmp_path)
    finally:
        thread.join()
    # and the time limit stops it: a failure, nothing left running
    assert "did not finish within 12 s" in outcome["failure"]
    assert not soffice_running_in(tmp_path)
    assert [name for name in work_dirs(tmp_path) if "profile" not in name] == []


class Interrupted(Exception):
    """Stands for Celery's SoftTimeLimitExceeded, raised into the caller by a signal."""


def test_a_caller_interrupted_mid_conversion_stops_its_libreoffice(settings, tmp_path, huge_docx):
    settings.RELAIS_PDF_WORK_ROOT = str(tmp_path)
    to_pdf(docx_with("Bonjour"))  # the process's profile is made: the next LibreOffice converts at once
    seen = []

    def interrupt(_signum, _frame):
        seen.append(soffice_running_in(tmp_path))
        if seen[-2:] == [True, True]:  # converting for a second at least
            raise Interrupted
        signal.setitimer(signal.ITIMER_REAL, 1)  # look again soon

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 2)
    try:
        with pytest.raises(Interrupted):
            to_pdf(huge_docx, timeout=600)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert wait_for(lambda: not soffice_running_in(tmp_path), 10), "LibreOffice outlived the interrupted call"
    assert [name for name in work_dirs(tmp_path) if "profile" not in name] == []
