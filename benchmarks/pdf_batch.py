"""Letters to PDF: one by one vs in batches vs one raw LibreOffice call.

    .venv/bin/python benchmarks/pdf_batch.py               # 50 letters
    .venv/bin/python benchmarks/pdf_batch.py --letters 1000 --one-by-one 5

Renders N real letters (the default templates of every letter kind, both
languages, sample data, a distinct recipient each), then measures:

- baseline: ONE `soffice --convert-to pdf` call over the N files, fresh profile
  (what the issue calls the floor: LibreOffice started once), run first and
  last (the mean is used: the machine is shared and noisy);
- before: one LibreOffice start per letter with a fresh profile (the code
  before batches), on a sample of letters;
- to_pdf: one letter per call with the worker's kept profile (a letter's
  PDF after a decision), on a sample;
- to_pdf_many, cold: the N letters in one call of the API, the worker's
  profile made on the way (a worker's first batch);
- to_pdf_many, warm: the same again with the kept profile;
- chunks of 20: to_pdf_many called per 20 letters (the chair's bulk
  regeneration, which updates its progress between chunks);
- 2 calls at once: to_pdf_many with RELAIS_PDF_PARALLEL=2 (two LibreOffice
  processes, each on its own kept profile).

Prints seconds per letter and the ratio to the baseline, and the time 1,000
letters would take at that rate (or took, with --letters 1000). `measure()`
returns the same figures for a combined benchmark command.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    if not os.environ.get("DATABASE_URL"):
        os.environ.setdefault("RELAIS_VAR_DIR", tempfile.mkdtemp(prefix="relais-bench-"))
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def letters(count: int) -> list[bytes]:
    """`count` rendered letters, cycling through the default templates."""
    from approvals.letters.kinds import sample_context
    from approvals.letters.rendering import render

    defaults = ROOT / "approvals" / "letters" / "defaults"
    templates = sorted(path for path in defaults.glob("*.docx") if not path.name.startswith("meeting_minutes"))
    result = []
    for number in range(count):
        path = templates[number % len(templates)]
        context = sample_context(path.name.split(".")[0])
        context["recipient_name"] = f"Destinataire numéro {number + 1}"
        result.append(render(path.read_bytes(), context))
    return result


def _raw_one_call(docxs: list[bytes]) -> float:
    from approvals.letters.pdf import soffice_binary

    with tempfile.TemporaryDirectory(prefix="relais-bench-raw-") as work:
        work = Path(work)
        files = []
        for number, docx in enumerate(docxs):
            path = work / f"{number:04d}.docx"
            path.write_bytes(docx)
            files.append(str(path))
        start = time.perf_counter()
        subprocess.run(
            [
                soffice_binary(), "--headless", "--norestore", "--nolockcheck",
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--convert-to", "pdf", "--outdir", str(work / "out"), *files,
            ],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "HOME": str(work)}, check=False,
        )
        elapsed = time.perf_counter() - start
        made = len(list((work / "out").glob("*.pdf")))
    if made != len(docxs):
        print(f"  (raw call made {made} of {len(docxs)} PDFs)")
    return elapsed


def _before(docxs: list[bytes]) -> float:
    """The code before batches: a fresh profile and a LibreOffice start per letter."""
    start = time.perf_counter()
    for docx in docxs:
        _raw_one_call([docx])
    return time.perf_counter() - start


def _timed(function, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def measure(count: int = 50, sample: int = 5, chunk: int = 20) -> list[dict]:
    """Rows: name, letters, seconds, per_letter, ratio (to the baseline), failures."""
    from django.test import override_settings

    from approvals.letters import pdf

    work = tempfile.mkdtemp(prefix="relais-bench-work-")
    rows = []
    try:
        with override_settings(RELAIS_PDF_WORK_ROOT=work, RELAIS_PDF_FILES_PER_CALL=max(50, chunk)):
            docxs = letters(count)
            few = docxs[:sample]

            def row(name, n, seconds, failures=0):
                rows.append({"name": name, "letters": n, "seconds": seconds, "per_letter": seconds / n, "failures": failures})

            first_baseline = _raw_one_call(docxs)
            if sample:
                row("before: a LibreOffice per letter", len(few), _before(few))
            pdf._discard_kept_profile()
            seconds, results = _timed(pdf.to_pdf_many, docxs)
            row("to_pdf_many, cold (profile made)", count, seconds, _failures(results))
            seconds, results = _timed(pdf.to_pdf_many, docxs)
            row("to_pdf_many, warm profile", count, seconds, _failures(results))

            def by_chunks():
                out = []
                for start in range(0, len(docxs), chunk):
                    out += pdf.to_pdf_many(docxs[start : start + chunk])
                return out

            seconds, results = _timed(by_chunks)
            row(f"to_pdf_many by chunks of {chunk} (bulk regeneration)", count, seconds, _failures(results))
            if sample:
                seconds, results = _timed(lambda: [pdf.to_pdf_many([docx])[0] for docx in few])
                row("to_pdf one by one, kept profile", len(few), seconds, _failures(results))
            with override_settings(RELAIS_PDF_PARALLEL=2):
                seconds, results = _timed(pdf.to_pdf_many, docxs)
                row("to_pdf_many, 2 calls at once (RELAIS_PDF_PARALLEL=2)", count, seconds, _failures(results))
            pdf._discard_kept_profile()
            # The machine is shared and noisy: the baseline is the mean of a run before and after.
            rows.insert(0, {"name": "baseline: one raw soffice call (mean of 2)", "letters": count, "failures": 0,
                            "seconds": (first_baseline + _raw_one_call(docxs)) / 2})
            rows[0]["per_letter"] = rows[0]["seconds"] / count
    finally:
        shutil.rmtree(work, ignore_errors=True)
    baseline = rows[0]["per_letter"]
    for item in rows:
        item["ratio"] = item["per_letter"] / baseline
    return rows


def _failures(results) -> int:
    return sum(1 for item in results if not isinstance(item, bytes))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=50)
    parser.add_argument("--one-by-one", type=int, default=5, help="letters in the one-by-one samples (0: skip them)")
    parser.add_argument("--chunk", type=int, default=20)
    parser.add_argument("--large", type=int, default=0, help="then also convert this many letters for real, by chunks (e.g. 1000)")
    parser.add_argument("--parallel", type=int, default=1, help="RELAIS_PDF_PARALLEL for the --large run")
    args = parser.parse_args()
    _setup()
    rows = measure(args.letters, args.one_by_one, args.chunk) if args.letters else []
    if rows:
        _print(rows, args.letters)
    if args.large:
        seconds, failures = large_run(args.large, args.chunk, args.parallel)
        print(
            f"\n{args.large} letters by chunks of {args.chunk}, RELAIS_PDF_PARALLEL={args.parallel}: "
            f"{seconds:.0f} s ({seconds / 60:.1f} min, {seconds / args.large:.3f} s per letter), {failures} failed"
        )


def _print(rows, count):
    print(f"\nLetters to PDF, {count} letters, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M %Z')}")
    print(f"{'measure':55} {'letters':>7} {'s total':>8} {'s/letter':>9} {'× baseline':>11} {'1,000 letters':>14} failed")
    for item in rows:
        thousand = item["per_letter"] * 1000
        print(
            f"{item['name']:55} {item['letters']:7d} {item['seconds']:8.1f} {item['per_letter']:9.3f} "
            f"{item['ratio']:10.2f}× {thousand / 60:11.1f} min {item['failures']:6d}"
        )


def large_run(count: int, chunk: int = 20, parallel: int = 1) -> tuple[float, int]:
    """Convert `count` letters for real, chunk by chunk, as the bulk regeneration does."""
    from django.test import override_settings

    from approvals.letters import pdf

    work = tempfile.mkdtemp(prefix="relais-bench-work-")
    docxs = letters(count)
    try:
        with override_settings(RELAIS_PDF_WORK_ROOT=work, RELAIS_PDF_PARALLEL=parallel, RELAIS_PDF_FILES_PER_CALL=50):
            start = time.perf_counter()
            results = []
            step = chunk * parallel  # with 2 calls at once, a chunk per LibreOffice
            for first in range(0, count, step):
                results += pdf.to_pdf_many(docxs[first : first + step])
            seconds = time.perf_counter() - start
            pdf._discard_kept_profile()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return seconds, _failures(results)


if __name__ == "__main__":
    main()
