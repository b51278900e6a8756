"""Letters: 50 to PDF through the batch path against one raw soffice call,
and a letter's render against raw docxtpl."""

import os
import statistics
import subprocess
import tempfile
import time
from io import BytesIO
from pathlib import Path

from .common import ROOT, ms, row, say


def letters(count):
    from approvals.letters import rendering
    from approvals.letters.kinds import sample_context

    content = (ROOT / "approvals/letters/defaults/membership_approved.fr.docx").read_bytes()
    base = sample_context("membership_approved")
    out = []
    for i in range(count):
        context = dict(base)
        for key, value in base.items():
            if isinstance(value, dict) and "name" in value:
                context[key] = {**value, "name": f"{value['name']} {i}"}
        out.append(rendering.render(content, context))
    return out


def raw_soffice(docxs, work_dir) -> float:
    from approvals.letters.pdf import soffice_binary

    folder = Path(tempfile.mkdtemp(prefix="raw-", dir=work_dir))
    for i, docx in enumerate(docxs):
        (folder / f"letter{i:04d}.docx").write_bytes(docx)
    outdir = folder / "out"
    command = [
        soffice_binary(), "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--convert-to", "pdf", "--outdir", str(outdir), *sorted(str(p) for p in folder.glob("*.docx")),
    ]  # fmt: skip
    start = time.perf_counter()
    subprocess.run(command, cwd=folder, env={**os.environ, "HOME": str(folder)}, capture_output=True, timeout=1800, check=True)
    seconds = time.perf_counter() - start
    made = [p for p in outdir.glob("*.pdf") if p.read_bytes().startswith(b"%PDF-")]
    if len(made) != len(docxs):
        say(f"  raw soffice made {len(made)} PDFs of {len(docxs)}")
    return seconds


def measure_pdf(args, work_dir):
    from approvals.letters import pdf

    n = 50
    say(f"letters to PDF: {n} decision letters (rendered beforehand)")
    docxs = letters(n)
    raw = raw_soffice(docxs, work_dir)
    raw_per = raw / n
    say(f"  one raw soffice call over {n} files: {raw:.1f} s, {raw_per:.2f} s per letter")
    batch = getattr(pdf, "to_pdf_many", None)
    if batch is not None:
        start = time.perf_counter()
        results = batch(docxs)
        seconds = time.perf_counter() - start
        ok = sum(1 for r in results if isinstance(r, bytes) and r.startswith(b"%PDF-"))
        per = seconds / n
        note = "" if ok == n else f"{n - ok} of {n} letters failed"
        how = "to_pdf_many"
        say(f"  to_pdf_many over {n}: {seconds:.1f} s, {per:.2f} s per letter, {ok} PDFs")
    else:
        sample = n if args.pdf_all else args.pdf_sample
        start = time.perf_counter()
        for docx in docxs[:sample]:
            assert pdf.to_pdf(docx).startswith(b"%PDF-")
        seconds = time.perf_counter() - start
        per = seconds / sample
        ok = sample
        how = "to_pdf one by one"
        note = f"BATCH PATH MISSING: approvals.letters.pdf.to_pdf_many does not exist; measured to_pdf one by one over {sample} of the {n} letters"
        say(f"  {note}: {seconds:.1f} s, {per:.2f} s per letter")
    ratio = per / raw_per
    row(f"{n} letters to PDF ({how})", f"{per:.2f} s per letter", f"one soffice call: {raw_per:.2f} s per letter",
        f"{ratio:.1f}×", "≤ 2×", ratio <= 2 and ok == (n if batch else ok), note)  # fmt: skip

    if args.letters_1000 and batch is not None:
        say("letters to PDF: 1,000 letters through to_pdf_many")
        many = letters(1000)
        start = time.perf_counter()
        results = batch(many)
        seconds = time.perf_counter() - start
        ok = sum(1 for r in results if isinstance(r, bytes) and r.startswith(b"%PDF-"))
        row("1,000 letters to PDF", f"{seconds:.0f} s ({ok} PDFs)", "—", "—", "≤ 180 s", seconds <= 180 and ok == 1000)
    else:
        estimate = per * 1000
        why = "run with --letters-1000 to convert them" if batch is not None else "batch path missing"
        row("1,000 letters to PDF (extrapolated)", f"≈ {estimate:.0f} s", "—", "—", "≤ 180 s", estimate <= 180,
            f"extrapolated from the {how} figure above ({why})")  # fmt: skip


def measure_render(args):
    from docxtpl import DocxTemplate

    from approvals.letters import rendering
    from approvals.letters.kinds import sample_context

    content = (ROOT / "approvals/letters/defaults/membership_approved.fr.docx").read_bytes()
    context = sample_context("membership_approved")

    def raw():
        template = DocxTemplate(BytesIO(content))
        template.render(dict(context), autoescape=True)
        out = BytesIO()
        template.save(out)
        return out.getvalue()

    def ours():
        return rendering.render(content, context)

    samples = {"ours": [], "raw": []}
    for i in range(args.render_repeat + 2):
        for name, function in (("ours", ours), ("raw", raw)):
            start = time.perf_counter()
            function()
            if i > 1:
                samples[name].append(time.perf_counter() - start)
    a, b = statistics.median(samples["ours"]), statistics.median(samples["raw"])
    say(f"render: membership_approved.fr.docx, median of {args.render_repeat}")
    row("render of a decision letter (.docx)", ms(a), f"raw docxtpl: {ms(b)}", f"{a / b:.2f}×", "≤ 1.2×", a / b <= 1.2)
