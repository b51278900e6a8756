"""Letter rendering: what the limits cost, and how fast a bad template is refused.

    .venv/bin/python benchmarks/letter_render.py [runs]

On the shipped default template (membership_approved, French) and its
sample data, median of `runs` renders (default 30) of:
- raw docxtpl in Jinja's immutable sandbox, no limits (the baseline);
- `render_in_process`: our sandbox with its budget (caps, loop and call
  counts, text and output size), in this process;
- `render`: the same in the helper process under a time and memory limit
  (what every real render and every upload check runs);
- a call to the helper around a function that does nothing.
Then the time to refuse each template payload of tests/letters/test_template_limits.py
at upload (check_template) and this process's peak memory before and after.

No database is needed: rendering reads bytes and plain data.
"""

import os
import resource
import statistics
import sys
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from docxtpl import DocxTemplate  # noqa: E402
from jinja2 import StrictUndefined  # noqa: E402
from jinja2.sandbox import ImmutableSandboxedEnvironment  # noqa: E402

from approvals.letters import confined  # noqa: E402
from approvals.letters.kinds import sample_context  # noqa: E402
from approvals.letters.rendering import TemplateRefused, check_template, render, render_in_process  # noqa: E402


def raw_docxtpl(content: bytes, context: dict) -> bytes:
    template = DocxTemplate(BytesIO(content))
    env = ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    env.globals.clear()
    template.render(context, jinja_env=env, autoescape=True)
    output = BytesIO()
    template.save(output)
    return output.getvalue()


def nothing() -> bytes:
    return b""


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    content = (ROOT / "approvals/letters/defaults/membership_approved.fr.docx").read_bytes()
    context = sample_context("membership_approved")
    contenders = {
        "raw": lambda: raw_docxtpl(content, context),
        "sandboxed": lambda: render_in_process(content, context),
        "helper": lambda: render(content, context),
        "call": lambda: confined.run(nothing, seconds=5, memory=64 * 1024**2),
    }
    # Interleaved, so a busy machine slows all of them alike.
    times = {name: [] for name in contenders}
    for func in contenders.values():
        func()  # warm up (the helper starts at its first call)
    for _ in range(runs):
        for name, func in contenders.items():
            started = time.perf_counter()
            func()
            times[name].append(time.perf_counter() - started)
    raw, sandboxed, child, fork = (statistics.median(times[name]) * 1000 for name in contenders)
    print(f"membership_approved.fr.docx, median of {runs}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print(f"| raw docxtpl, immutable sandbox | {raw:.1f} ms | 1.00x |")
    print(f"| our sandbox with its budget, in process | {sandboxed:.1f} ms | {sandboxed / raw:.2f}x |")
    print(f"| render(): the same in the helper process, with its limits | {child:.1f} ms | {child / raw:.2f}x |")
    print(f"| a call to the helper that does nothing | {fork:.2f} ms | |")

    sys.path.insert(0, str(ROOT / "tests" / "letters"))
    from tests.letters.helpers import docx_with
    from tests.letters.test_template_limits import PAYLOADS

    before = peak_mib()
    print(f"\nrefusing each payload at upload (check_template); peak memory of this process before: {before:.0f} MiB")
    for name, payload in PAYLOADS.items():
        started = time.perf_counter()
        try:
            check_template(docx_with("Bonjour {{ recipient_name }}", payload), "membership_approved")
            verdict = "ACCEPTED"
        except TemplateRefused as refused:
            verdict = refused.errors[0][:70]
        print(f"| {name} | {(time.perf_counter() - started) * 1000:.0f} ms | {verdict} |")
    print(f"peak memory of this process after: {peak_mib():.0f} MiB")


if __name__ == "__main__":
    main()
