"""What the measures of the benchmark suite share: output kept for
var/bench/last-run.txt, the processes a measure starts, the result rows and
their table (benchmarks/suite.py prints it)."""

import os
import signal
import socket
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT: list[str] = []


def say(text=""):
    print(text, flush=True)
    OUT.append(text)


# --- processes started for the run -------------------------------------------------------


class Started:
    """A process of ours, in its own session, recorded in the pid directory
    (benchmarks/run kills what is left there on exit)."""

    def __init__(self, name, command, *, env=None, log=None):
        self.name = name
        self.log_path = log
        self.log = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL,
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        self.pidfile = Path(os.environ.get("RELAIS_BENCH_PID_DIR", tempfile.gettempdir())) / f"{name}-{self.process.pid}.pid"
        self.pidfile.write_text(str(self.process.pid))

    def read_log(self) -> str:
        return Path(self.log_path).read_text(errors="replace") if self.log_path else ""

    def stop(self):
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)  # its own group (start_new_session)
                self.process.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait()
        self.pidfile.unlink(missing_ok=True)
        if self.log_path:
            self.log.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- results -------------------------------------------------------------------------------


class Row:
    def __init__(self, measure, relais, baseline, ratio, target, met, note=""):
        self.measure, self.relais, self.baseline, self.ratio, self.target, self.met, self.note = (
            measure, relais, baseline, ratio, target, met, note,
        )  # fmt: skip


ROWS: list[Row] = []


def row(measure, relais, baseline, ratio, target, met, note=""):
    ROWS.append(Row(measure, relais, baseline, ratio, target, met, note))
    say(f"  -> {measure}: {relais} | {baseline} | {ratio} | {target} | {'yes' if met else 'NO' if met is False else '—'}")


def table():
    head = ["measure", "Relais", "baseline", "ratio", "target", "met?"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for r in ROWS:
        met = "yes" if r.met else ("NO" if r.met is False else "—")
        lines.append(f"| {r.measure} | {r.relais} | {r.baseline} | {r.ratio} | {r.target} | {met} |")
    notes = [f"- {r.measure}: {r.note}" for r in ROWS if r.note]
    return "\n".join(lines + ([""] + notes if notes else []))


def ms(seconds):
    return f"{seconds * 1000:.1f} ms"


def reserved(first, last):
    """References of the dataset's applications set aside for a measure."""
    from benchmarks import dataset

    return [f"ADH-{dataset.BENCH_YEAR}-{i:06d}" for i in range(first, last)]
