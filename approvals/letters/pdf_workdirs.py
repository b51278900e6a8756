"""The work directories of PDF conversions: where they go, their locks, and
the sweep that removes those no live process holds (`sweep_pdf_leftovers`,
run at worker start and as a command). approvals.letters.pdf makes them."""

import fcntl
import logging
import os
import re
import shutil
import signal
import tempfile
import time
from pathlib import Path

from django.conf import settings

log = logging.getLogger("approvals.letters.pdf")

PREFIX = "relais-pdf-"
PROFILE_PREFIX = PREFIX + "profile-"
LOCK_NAME = ".relais-lock"
UNLOCKED_GRACE_SECONDS = 300  # a directory without a lock file (older code, or being made) is left alone this long

_held: set[int] = set()  # lock fds this process holds (a forked child closes its copies)


def work_root() -> Path:
    """Where work directories and kept profiles go (RELAIS_PDF_WORK_ROOT, else the system's temporary directory)."""
    return Path(getattr(settings, "RELAIS_PDF_WORK_ROOT", "") or tempfile.gettempdir())


def hold_lock(directory: Path) -> int:
    """An open, flock'ed lock file in `directory`; held while the fd (or a
    copy passed to the supervisor) is open, released by the kernel when
    every holder is gone, however it died."""
    fd = os.open(directory / LOCK_NAME, os.O_CREAT | os.O_RDWR | os.O_CLOEXEC, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    _held.add(fd)
    return fd


def release_lock(fd: int) -> None:
    _held.discard(fd)
    try:
        os.close(fd)
    except OSError:
        pass


def release_inherited_locks() -> None:
    """In a forked child: close the copies of the parent's lock fds, so the
    parent's locks die with the parent."""
    for fd in list(_held):
        release_lock(fd)


def _claim(directory: Path) -> int | None:
    """Lock a leftover directory for removal: a fd when no live process
    holds it, None when one does (or when it has no lock file and is young)."""
    try:
        fd = os.open(directory / LOCK_NAME, os.O_RDWR | os.O_CLOEXEC)
    except FileNotFoundError:
        try:
            young = time.time() - directory.stat().st_mtime < UNLOCKED_GRACE_SECONDS
        except FileNotFoundError:
            return None
        return None if young else -1
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


_NAME = re.compile(r"(?:^|/)(" + re.escape(PREFIX) + r"[A-Za-z0-9_-]+)")


def _processes_in(root: Path) -> dict[int, set[str]]:
    """Our processes (same user) whose command line names a directory
    `relais-pdf-*` under `root`: pid -> directory names."""
    found = {}
    markers = (str(root).rstrip("/") + "/", root.as_uri().rstrip("/") + "/")
    me, uid = os.getpid(), os.getuid()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == me:
            continue
        try:
            if entry.stat().st_uid != uid:
                continue
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        names = set()
        for argument in arguments:
            text = argument.decode("utf-8", "replace")
            for marker in markers:
                at = text.find(marker)
                if at >= 0:
                    match = _NAME.match(text[at + len(marker) - 1 :])
                    if match:
                        names.add(match.group(1))
        if names:
            found[int(entry.name)] = names
    return found


def sweep_leftovers(*, delete: bool = True, root: Path | None = None) -> dict:
    """Find (and with `delete`, remove) the work directories and profiles
    that no live process holds, killing any process still working in them
    (a LibreOffice whose worker and supervisor are gone). Returns counts."""
    root = Path(root) if root is not None else work_root()
    if not root.is_dir():
        return {"directories": 0, "processes": 0}
    claimed: dict[str, int] = {}
    held: set[str] = set()
    for directory in root.glob(PREFIX + "*"):
        if not directory.is_dir() or directory.is_symlink():
            continue
        fd = _claim(directory)
        if fd is None:
            held.add(directory.name)
        else:
            claimed[directory.name] = fd
    try:
        # A process is a stray when a directory it works in is one we
        # claimed, or is gone; a directory made since the listing above is
        # someone's live conversion.
        strays = [
            pid
            for pid, names in _processes_in(root).items()
            if any(name in claimed or (name not in held and not (root / name).exists()) for name in names)
        ]
        if delete:
            for pid in strays:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            for name in claimed:
                shutil.rmtree(root / name, ignore_errors=True)
        if claimed or strays:
            log.warning(
                "PDF leftovers: %s directories and %s processes %s.",
                len(claimed),
                len(strays),
                "removed" if delete else "found",
            )
        return {"directories": len(claimed), "processes": len(strays)}
    finally:
        for fd in claimed.values():
            if fd >= 0:
                os.close(fd)
