"""Watch one LibreOffice run from outside the Python process that wants it.

Run as a script (`python -I -S pdf_supervisor.py ...`, standard library
only): approvals.letters.pdf starts it for every LibreOffice call. It

- asks the kernel for SIGTERM when its parent dies (PR_SET_PDEATHSIG), and
  also checks its parent's pid, so a killed worker, even by SIGKILL, ends
  the conversion;
- starts LibreOffice in its own process group, bound to the supervisor's
  own death by SIGKILL (PR_SET_PDEATHSIG in the child), so that killing the
  supervisor too cannot leave LibreOffice running;
- kills that whole group at the time limit, when the parent goes, or on
  SIGTERM, and then, if the parent is gone, removes the work directories
  it was given (only directories whose name starts with `relais-pdf-`);
- restarts soffice.bin when it asks for it (exit status 81, after it made a
  new profile), as LibreOffice's own launcher does.

Exit status: LibreOffice's, or 124 past the time limit, or 125 when the
run was stopped because the parent went or a SIGTERM came.
"""

import argparse
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import time

PR_SET_PDEATHSIG = 1
RESTART = 81  # soffice.bin: "start me again" (oosplash restarts it)
TIMED_OUT = 124
STOPPED = 125
PREFIX = "relais-pdf-"

_stop = False


_libc = ctypes.CDLL(None, use_errno=True)  # loaded before any fork


def _die_with_parent(sig: int) -> None:
    if _libc.prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")


def _on_term(_signum, _frame):
    global _stop
    _stop = True


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _cleanup(paths) -> None:
    for path in paths:
        if os.path.basename(os.path.normpath(path)).startswith(PREFIX):
            shutil.rmtree(path, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--parent", type=int, required=True)
    parser.add_argument("--limit", type=float, required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--cleanup", action="append", default=[])
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    deadline = time.monotonic() + args.limit

    signal.signal(signal.SIGTERM, _on_term)
    # A terminal's Ctrl-C or hang-up reaches the whole group; the worker
    # decides what to do, and its death reaches us through PDEATHSIG.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    _die_with_parent(signal.SIGTERM)
    if os.getppid() != args.parent:  # it died before prctl took effect
        _cleanup(args.cleanup)
        return STOPPED

    me = os.getpid()

    def bind_to_me():  # runs in the child between fork and exec
        _die_with_parent(signal.SIGKILL)
        if os.getppid() != me:
            os._exit(STOPPED)

    with open(args.log, "ab") as log:
        for _attempt in range(3):
            child = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,
                preexec_fn=bind_to_me,
            )
            status = None
            while status is None:
                orphaned = os.getppid() != args.parent
                if _stop or orphaned or time.monotonic() >= deadline:
                    _kill_group(child.pid)
                    child.wait()
                    if os.getppid() != args.parent:
                        _cleanup(args.cleanup)
                    return STOPPED if (orphaned or _stop) else TIMED_OUT
                try:
                    status = child.wait(timeout=0.1)
                except subprocess.TimeoutExpired:
                    status = None
            # Whatever the group started must not outlive the run.
            _kill_group(child.pid)
            if status != RESTART:
                break
    if os.getppid() != args.parent:
        _cleanup(args.cleanup)
    return status if status >= 0 else 128 - status


if __name__ == "__main__":
    sys.exit(main())
