"""Run one function in a forked child under a time and memory limit.

A letter's render runs here: whatever a template asks for, the worker (or
the upload request) gets an answer within the time limit and its own memory
does not grow. The child is a fork of the caller, so nothing is imported
again and starting it costs a few milliseconds. It has an address-space
limit (RLIMIT_AS) and a CPU limit (RLIMIT_CPU), is killed at the wall-clock
deadline, and dies with its parent (PR_SET_PDEATHSIG) so it can never run
on alone. The result comes back pickled through a pipe; the child never
touches the database (it does not return through Django's code).
"""

import ctypes
import ctypes.util
import os
import pickle
import resource
import select
import signal
import sys
import time

_PR_SET_PDEATHSIG = 1
try:
    _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
except OSError:  # not glibc: the CPU limit still ends an orphan
    _libc = None


class Exceeded(Exception):
    """The child went past its time (`what` = "time") or memory ("memory") limit."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


class Crashed(Exception):
    """The child ended without an answer for another reason."""


def available() -> bool:
    return hasattr(os, "fork") and sys.platform.startswith("linux")


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _child(write_fd: int, func, args, kwargs, seconds: float, memory: int):
    status = 70
    try:
        if _libc is not None:
            _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(status)
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2):
            signal.signal(signum, signal.SIG_DFL)
        limit = _address_space() + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        cpu = int(resource.getrusage(resource.RUSAGE_SELF).ru_utime + seconds) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        try:
            answer = ("ok", func(*args, **kwargs))
        except MemoryError:
            answer = ("exceeded", "memory")
        except RecursionError:
            answer = ("exceeded", "memory")
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the caller
            answer = ("raise", exc)
        try:
            data = pickle.dumps(answer)
        except Exception:
            data = pickle.dumps(("raise", Crashed(type(answer[1]).__name__)))
        view = memoryview(data)
        while view:
            written = os.write(write_fd, view)
            view = view[written:]
        status = 0
    except MemoryError:
        status = 71
    finally:
        os._exit(status)


def run(func, *args, seconds: float, memory: int, **kwargs):
    """`func(*args, **kwargs)` in a child; its result, or its exception raised here.

    Raises Exceeded past `seconds` of wall-clock (or CPU) time or `memory`
    bytes of address space more than the caller's, Crashed if the child
    ended with no answer.
    """
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(read_fd)
        _child(write_fd, func, args, kwargs, seconds, memory)
    os.close(write_fd)
    chunks, reaped, status = [], False, 0
    deadline = time.monotonic() + seconds
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise Exceeded("time")
            ready, _w, _x = select.select([read_fd], [], [], remaining)
            if not ready:
                raise Exceeded("time")
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        _pid, status = os.waitpid(pid, 0)
        reaped = True
    finally:
        os.close(read_fd)
        if not reaped:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)
    if not chunks:
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL):
            raise Exceeded("time")
        if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 71:
            raise Exceeded("memory")
        raise Crashed(f"status {status}")
    kind, value = pickle.loads(b"".join(chunks))
    if kind == "ok":
        return value
    if kind == "exceeded":
        raise Exceeded(value)
    raise value
