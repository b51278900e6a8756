"""PDF copies by LibreOffice headless, in the worker.

Starting LibreOffice costs seconds; converting a letter a fraction of one.
So a worker process keeps one LibreOffice profile for its whole life and
hands LibreOffice many letters per call (`to_pdf_many`); `to_pdf` is a
batch of one. soffice exits 0 even when it converted nothing, so every
output is checked (exists, not empty, starts and ends like a PDF); letters
whose output is missing are converted again one by one, so that one bad
letter costs only itself.

No LibreOffice may outlive its caller or its time limit. Every call runs
under a small supervisor process outside ours (pdf_supervisor.py): the
kernel tells it when we die, even by SIGKILL, and it then kills
LibreOffice's whole process group and removes the work directories;
LibreOffice itself (soffice.bin, not the launcher script that would let it
escape) is bound to the supervisor's death. Work directories are named
`relais-pdf-*` and locked (flock) while in use: `sweep_pdf_leftovers` (run
at worker start, and as a command) removes those no live process holds
and kills any LibreOffice still working in them.
"""

import atexit
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import zipfile
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from django.conf import settings

from .pdf_workdirs import (  # noqa: F401 (work_root and sweep_leftovers are this module's public names too)
    PREFIX,
    PROFILE_PREFIX,
    hold_lock,
    release_inherited_locks,
    release_lock,
    sweep_leftovers,
    work_root,
)

log = logging.getLogger(__name__)

SUPERVISOR = Path(__file__).with_name("pdf_supervisor.py")
TIMED_OUT, STOPPED = 124, 125  # the supervisor's exit statuses


class PdfConversionFailed(Exception):
    """No PDF came out; the message says why, without any content of the letter."""


# --- settings --------------------------------------------------------------------------------


def soffice_binary() -> str:
    return getattr(settings, "RELAIS_SOFFICE", "") or shutil.which("soffice") or "/usr/bin/soffice"


def _one_letter_limit(timeout) -> float:
    return float(timeout or getattr(settings, "RELAIS_PDF_TIMEOUT_SECONDS", 60))


def _call_limit(count: int, timeout: float) -> float:
    """One call over `count` letters: a letter's limit (LibreOffice's start
    included) plus a few seconds for every further letter."""
    per_letter = min(timeout, float(getattr(settings, "RELAIS_PDF_SECONDS_PER_LETTER", 5)))
    return timeout + per_letter * (count - 1)


def _files_per_call() -> int:
    return max(1, int(getattr(settings, "RELAIS_PDF_FILES_PER_CALL", 50)))


def _parallel_calls() -> int:
    """LibreOffice converts on one core: a batch may run this many calls at
    once (RELAIS_PDF_PARALLEL, 1 by default: a worker process per core
    already converts in parallel with the others)."""
    return max(1, int(getattr(settings, "RELAIS_PDF_PARALLEL", 1)))


def _program(binary: str) -> str:
    """soffice.bin itself when `binary` is LibreOffice's launcher: the
    launcher (a script that execs oosplash) starts soffice.bin as a child
    that a signal bound to the launcher would not reach."""
    path = shutil.which(binary) or binary
    real = Path(os.path.realpath(path))
    if real.name == "soffice" and real.with_name("soffice.bin").exists():
        return str(real.with_name("soffice.bin"))
    return path


# --- public API --------------------------------------------------------------------------------


def to_pdf(docx: bytes, *, timeout: int | float | None = None) -> bytes:
    """The PDF of one .docx, or PdfConversionFailed."""
    result = to_pdf_many([docx], timeout=timeout)[0]
    if isinstance(result, PdfConversionFailed):
        raise result
    return result


def to_pdf_many(docxs: list[bytes], *, timeout: int | float | None = None) -> list[bytes | PdfConversionFailed]:
    """The PDFs of many .docx files: result i is the PDF of input i, or the
    PdfConversionFailed that says why there is none.

    `timeout` is one letter's limit (RELAIS_PDF_TIMEOUT_SECONDS by default);
    a call over n letters gets it plus RELAIS_PDF_SECONDS_PER_LETTER for
    each further letter. At most RELAIS_PDF_FILES_PER_CALL letters go to one
    LibreOffice call, and up to RELAIS_PDF_PARALLEL calls run at once.
    Letters with no valid output are retried alone.
    """
    one = _one_letter_limit(timeout)
    results: list[bytes | PdfConversionFailed | None] = [None] * len(docxs)
    pending = []
    for index, docx in enumerate(docxs):
        problem = _input_problem(docx)
        if problem:
            results[index] = PdfConversionFailed(problem)
        else:
            pending.append(index)
    if pending:
        binary = soffice_binary()
        if not Path(binary).exists() and shutil.which(binary) is None:
            failure = f"LibreOffice not found ({binary}); install libreoffice-writer-nogui."
            for index in pending:
                results[index] = PdfConversionFailed(failure)
            return results
    parallel = _parallel_calls()
    size = min(_files_per_call(), max(1, -(-len(pending) // parallel)))
    groups = [pending[start : start + size] for start in range(0, len(pending), size)]

    def convert(group: list[int]) -> list[list[int]]:
        """Convert a group, record its results; the groups to try again."""
        run = _run([docxs[index] for index in group], limit=_call_limit(len(group), one))
        if len(group) == 1:
            results[group[0]] = run.pdfs[0] if run.pdfs[0] is not None else PdfConversionFailed(run.reason(0))
            return []
        for index, pdf in zip(group, run.pdfs):
            results[index] = pdf
        missing = [position for position, pdf in enumerate(run.pdfs) if pdf is None]
        if not missing:
            return []
        log.info("LibreOffice left %s of %s letters without a PDF; retrying them one by one.", len(missing), len(group))
        if run.finished:
            return [[group[position]] for position in missing]
        # LibreOffice converts in order: the letter after the last PDF is
        # the one it was on when stopped. It goes alone; the letters after
        # it go on together.
        done = [position for position, pdf in enumerate(run.pdfs) if pdf is not None]
        suspect = done[-1] + 1 if done else 0
        retry = [[group[position]] for position in missing if position <= suspect]
        rest = [group[position] for position in missing if position > suspect]
        return retry + ([rest] if rest else [])

    if parallel == 1 or len(groups) == 1:
        queue = deque(groups)
        while queue:
            queue.extendleft(reversed(convert(queue.popleft())))
    else:
        with ThreadPoolExecutor(max_workers=parallel, thread_name_prefix="relais-pdf") as pool:
            running = {pool.submit(convert, group) for group in groups}
            while running:
                finished, running = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    running |= {pool.submit(convert, group) for group in future.result()}
    return results


def _input_problem(docx: bytes) -> str:
    """Why these bytes are no .docx (LibreOffice would make a PDF of any
    bytes, read as text), or ''."""
    if not docx:
        return "The letter is empty."
    try:
        with zipfile.ZipFile(BytesIO(docx)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return "The letter is not a .docx file (not a ZIP archive)."
    if "word/document.xml" not in names:
        return "The letter is not a .docx file (no word/document.xml)."
    return ""


# --- one LibreOffice call ---------------------------------------------------------------------


@dataclass
class _Run:
    pdfs: list
    errors: list
    status: int
    limit: float
    log_tail: str = ""
    finished: bool = field(init=False)

    def __post_init__(self):
        self.finished = self.status not in (TIMED_OUT, STOPPED) and self.status < 128

    def reason(self, position: int) -> str:
        if self.status == TIMED_OUT:
            return f"LibreOffice did not finish within {self.limit:g} s."
        if self.status == STOPPED:
            return "LibreOffice was stopped before it finished."
        if self.status != 0:
            return f"LibreOffice exited with status {self.status}: {self.log_tail}"
        return self.errors[position]


def _run(docxs: list[bytes], *, limit: float) -> _Run:
    root = work_root()
    root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=PREFIX, dir=root))
    lock = hold_lock(work)
    try:
        inputs, outputs = work / "in", work / "out"
        inputs.mkdir()
        outputs.mkdir()
        sources = []
        for number, docx in enumerate(docxs):
            source = inputs / f"{number:04d}.docx"
            source.write_bytes(docx)
            sources.append(source)
        with _kept_profile() as kept:
            profile = kept.path if kept is not None else work / "profile"
            command = [
                _program(soffice_binary()),
                "--headless",
                "--invisible",
                "--norestore",
                "--nolockcheck",
                "--nodefault",
                f"-env:UserInstallation={profile.as_uri()}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outputs),
                *map(str, sources),
            ]
            status, log_tail = _supervise(
                command,
                work=work,
                home=kept.path if kept is not None else work,
                limit=limit,
                cleanup=[work] + ([kept.path] if kept is not None else []),
                pass_fds=(lock,) + ((kept.lock,) if kept is not None else ()),
            )
            if kept is not None and status != 0:
                kept.broken = True  # a killed LibreOffice may leave its profile half written
        pdfs, errors = [], []
        for source in sources:
            pdf, error = _read_pdf(outputs / f"{source.stem}.pdf", log_tail)
            pdfs.append(pdf)
            errors.append(error)
        return _Run(pdfs=pdfs, errors=errors, status=status, limit=limit, log_tail=log_tail)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        release_lock(lock)


def _supervise(command, *, work: Path, home: Path, limit: float, cleanup, pass_fds) -> tuple[int, str]:
    log_file = work / "soffice.log"
    arguments = [
        sys.executable,
        "-I",
        "-S",
        str(SUPERVISOR),
        "--parent",
        str(os.getpid()),
        "--limit",
        f"{limit:.3f}",
        "--log",
        str(log_file),
    ]
    for path in cleanup:
        arguments += ["--cleanup", str(path)]
    env = {**os.environ, "HOME": str(home)}
    process = subprocess.Popen(
        [*arguments, "--", *command],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=work,
        env=env,
        pass_fds=pass_fds,
    )
    try:
        _out, err = process.communicate(timeout=limit + 15)
        status = process.returncode
    except subprocess.TimeoutExpired:  # the supervisor itself is stuck: stop it, LibreOffice dies with it
        err = _stop(process)
        status = TIMED_OUT
    except BaseException:  # e.g. the task's soft time limit, a KeyboardInterrupt: stop LibreOffice, then go on
        _stop(process)
        raise
    if err:
        log.warning("PDF supervisor said: %s", err.decode("utf-8", "replace").strip()[-300:])
    return status, _tail(log_file)


def _stop(process) -> bytes:
    """SIGTERM to the supervisor (it kills LibreOffice's group); SIGKILL if
    it does not go (LibreOffice is bound to its death)."""
    process.terminate()
    try:
        return process.communicate(timeout=5)[1] or b""
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()[1] or b""


def _read_pdf(path: Path, log_tail: str) -> tuple[bytes | None, str]:
    if not path.exists() or path.stat().st_size == 0:
        return None, f"LibreOffice produced no PDF: {log_tail or 'no message'}"
    pdf = path.read_bytes()
    if not pdf.startswith(b"%PDF-"):
        return None, "LibreOffice's output is not a PDF."
    if b"%%EOF" not in pdf[-2048:]:
        return None, "LibreOffice's output is an incomplete PDF."
    return pdf, ""


def _tail(log_file: Path) -> str:
    # soffice's own words only (paths are under our work directory).
    try:
        text = log_file.read_bytes()[-4000:].decode("utf-8", "replace")
    except OSError:
        return ""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("convert ")]
    return "\n".join(lines).strip()[-300:]


# --- the worker's kept profile ------------------------------------------------------------------


class _Profile:
    def __init__(self, root: Path):
        self.pid = os.getpid()
        self.root = root
        self.path = Path(tempfile.mkdtemp(prefix=PROFILE_PREFIX, dir=root))
        self.lock = hold_lock(self.path)
        self.broken = False

    def discard(self):
        shutil.rmtree(self.path, ignore_errors=True)
        release_lock(self.lock)


_pool_mutex = threading.Lock()
_profiles: list[_Profile] = []  # this process's kept profiles, free ones
_profiles_made = 0


class _kept_profile:
    """One of this process's kept LibreOffice profiles (made on first use,
    at most RELAIS_PDF_PARALLEL of them; two LibreOffices never share one),
    or None when they are all in use: that call then makes a throw-away
    profile of its own."""

    def __enter__(self):
        global _profiles_made
        root = work_root()
        self.profile = None
        with _pool_mutex:
            while _profiles:
                candidate = _profiles.pop()
                if candidate.root == root and candidate.path.exists():
                    self.profile = candidate
                    break
                candidate.discard()
                _profiles_made -= 1
            if self.profile is None and _profiles_made < _parallel_calls():
                _profiles_made += 1
                self.making = True
            else:
                self.making = False
        if self.profile is None and self.making:
            try:
                self.profile = _Profile(root)
            except Exception:
                with _pool_mutex:
                    _profiles_made -= 1
                raise
        return self.profile

    def __exit__(self, *exc):
        global _profiles_made
        if self.profile is None:
            return False
        with _pool_mutex:
            if self.profile.pid != os.getpid():
                return False
            if self.profile.broken or exc[0] is not None:
                self.profile.discard()
                _profiles_made -= 1
            else:
                _profiles.append(self.profile)
        return False


def _after_fork_in_child():
    """A forked child (a Celery pool process) never uses its parent's
    profiles, nor a lock a parent's thread held at the fork."""
    global _pool_mutex, _profiles, _profiles_made
    release_inherited_locks()  # the parent's locks must die with the parent
    _pool_mutex = threading.Lock()
    _profiles = []
    _profiles_made = 0


os.register_at_fork(after_in_child=_after_fork_in_child)


@atexit.register
def _discard_kept_profile():
    """Remove this process's kept profiles (on exit; by the benchmark)."""
    global _profiles_made
    with _pool_mutex:
        while _profiles:
            _profiles.pop().discard()
            _profiles_made -= 1
