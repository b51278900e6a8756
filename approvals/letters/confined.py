"""Run a function in a helper process under a time and memory limit.

Every letter render runs here: whatever a template asks for, the worker (or
the upload request) gets an answer within the time limit and its own memory
does not grow.

The helper is a fork of the caller made at its first use, so nothing is
imported again, and it stays for the next calls (a fork per render of a
150 MB worker costs tens of milliseconds; a call to the helper well under
one). It has an address-space limit (RLIMIT_AS, the caller's size at the
fork plus `memory`), is killed at the wall-clock deadline and started again
at the next call, and dies with its caller (PR_SET_PDEATHSIG) so it never
runs on alone. After a call that went past a limit, or every RECYCLE_AFTER
calls, it is replaced. Calls and answers travel pickled through pipes; the
helper never touches the database (it never returns into Django's code).
"""

import ctypes
import ctypes.util
import gc
import os
import pickle
import resource
import select
import signal
import struct
import sys
import threading
import time

RECYCLE_AFTER = 500
_PR_SET_PDEATHSIG = 1
_HEADER = struct.Struct("!Q")
try:
    _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
except OSError:  # not glibc: the parent's deadline still ends a stuck helper
    _libc = None


class Exceeded(Exception):
    """The call went past its time (`what` = "time") or memory ("memory") limit."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


class Crashed(Exception):
    """The helper ended without an answer for another reason."""


def available() -> bool:
    return hasattr(os, "fork") and sys.platform.startswith("linux")


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _read_exactly(fd: int, size: int, deadline: float | None = None) -> bytes:
    chunks, missing = [], size
    while missing:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise Exceeded("time")
        chunk = os.read(fd, min(missing, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _send(fd: int, value):
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    _write_all(fd, _HEADER.pack(len(data)) + data)


# --- the helper's side ------------------------------------------------------------------------


def _serve(requests: int, answers: int):  # pragma: no cover - runs in the helper
    status = 0
    try:
        if _libc is not None:
            _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:  # the caller died before prctl took effect
            os._exit(0)
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2, signal.SIGALRM):
            signal.signal(signum, signal.SIG_DFL)
        # What the caller had is frozen: the collector walks only what calls make.
        gc.freeze()
        baseline = _address_space()
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        while True:
            try:
                size = _HEADER.unpack(_read_exactly(requests, _HEADER.size))[0]
                func, args, kwargs, memory = pickle.loads(_read_exactly(requests, size))
            except EOFError:
                break
            limit = baseline + memory
            resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
            try:
                answer = ("ok", func(*args, **kwargs))
            except MemoryError:
                answer = ("exceeded", "memory")
            except BaseException as exc:  # noqa: BLE001 - every failure goes back to the caller
                answer = ("raise", exc)
            finally:
                resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
            try:
                _send(answers, answer)
            except Exception:
                _send(answers, ("raise", Crashed(type(answer[1]).__name__)))
            if answer[0] == "exceeded":
                break  # a helper that ran out of memory is not trusted again
    except BaseException:  # noqa: BLE001
        status = 70
    finally:
        os._exit(status)


# --- the caller's side ------------------------------------------------------------------------


class _Helper:
    def __init__(self):
        request_read, self.requests = os.pipe()
        self.answers, answer_write = os.pipe()
        self.owner = os.getpid()
        self.calls = 0
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - the helper
            _close_inherited(keep=(request_read, answer_write))
            _serve(request_read, answer_write)
        os.close(request_read)
        os.close(answer_write)

    def call(self, func, args, kwargs, *, seconds: float, memory: int):
        self.calls += 1
        deadline = time.monotonic() + seconds
        _send(self.requests, (func, args, kwargs, memory))
        size = _HEADER.unpack(_read_exactly(self.answers, _HEADER.size, deadline))[0]
        return pickle.loads(_read_exactly(self.answers, size, deadline))

    def alive(self) -> bool:
        # It dies with the thread that forked it (PR_SET_PDEATHSIG), which may
        # have ended since (a thread of a pool): then a new one is started.
        try:
            return os.waitpid(self.pid, os.WNOHANG) == (0, 0)
        except ChildProcessError:
            return False

    def close(self, *, kill: bool):
        for fd in (self.requests, self.answers):
            try:
                os.close(fd)
            except OSError:
                pass
        if self.owner != os.getpid():
            return  # the helper of the process this one was forked from: not ours to stop
        if kill:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            os.waitpid(self.pid, 0)  # with its pipe closed, a healthy helper exits at once
        except ChildProcessError:
            pass


def _close_inherited(*, keep):
    """Close every descriptor the helper inherited but its two pipe ends (and
    stdin/out/err): a pipe or socket of the caller's that the helper held open
    would keep its other end from ever seeing the end of it (a database
    connection, a browser driver's pipe, a client's socket)."""
    top = os.sysconf("SC_OPEN_MAX") if hasattr(os, "sysconf") else 65536
    start = 3
    for fd in sorted(keep):
        os.closerange(start, fd)
        start = fd + 1
    os.closerange(start, top)


_helper: _Helper | None = None
_lock = threading.Lock()


def _current() -> _Helper:
    global _helper
    if _helper is not None and _helper.owner != os.getpid():
        _helper.close(kill=False)  # inherited from the process this one was forked from
        _helper = None
    if _helper is not None and (_helper.calls >= RECYCLE_AFTER or not _helper.alive()):
        _helper.close(kill=False)
        _helper = None
    if _helper is None:
        _helper = _Helper()
    return _helper


def _discard(*, kill: bool):
    global _helper
    if _helper is not None:
        _helper.close(kill=kill)
        _helper = None


def run(func, *args, seconds: float, memory: int, **kwargs):
    """`func(*args, **kwargs)` in the helper; its result, or its exception raised here.

    `func` and its arguments must pickle (a module-level function, plain
    data). Raises Exceeded past `seconds` of wall-clock time or `memory`
    bytes of address space more than the caller had, Crashed if the helper
    ended with no answer.
    """
    with _lock:
        helper = _current()
        try:
            kind, value = helper.call(func, args, kwargs, seconds=seconds, memory=memory)
        except Exceeded:
            _discard(kill=True)
            raise
        except (EOFError, OSError) as exc:
            _discard(kill=True)
            raise Crashed(type(exc).__name__) from None
        except BaseException:  # interrupted while waiting (a task's time limit): never leave it running
            _discard(kill=True)
            raise
        if kind == "exceeded":
            _discard(kill=False)
            raise Exceeded(value)
    if kind == "ok":
        return value
    raise value


def stop():
    """Stop this process's helper (tests and benchmarks; it also dies with its caller)."""
    with _lock:
        _discard(kill=True)
