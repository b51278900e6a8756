"""The benchmark suite: each measure against its baseline, in the same run.

Started by benchmarks/run (which provides PostgreSQL, Redis and the
environment); see benchmarks/README.md. Prints one table at the end and
keeps it, with the EXPLAIN output, in var/bench/last-run.txt.
"""

import argparse
import csv
import hashlib
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from io import BytesIO
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
MEASURES = ("http", "pdf", "count", "perform", "render", "email")
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


# --- the dataset -----------------------------------------------------------------------


def dataset_stamp(scale: float) -> str:
    digest = hashlib.sha256(f"scale={scale}".encode())
    for path in sorted([*ROOT.glob("*/migrations/*.py"), *ROOT.glob("*/*/migrations/*.py"), ROOT / "benchmarks/dataset.py"]):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_dataset(args):
    bench_dir = Path(os.environ["RELAIS_BENCH_DIR"])
    stamp_file = bench_dir / "dataset.stamp"
    want = dataset_stamp(args.scale)
    if not args.reload and stamp_file.exists() and stamp_file.read_text().strip() == want:
        say(f"dataset: reused ({bench_dir}/pg; migrations, generator and scale unchanged)")
        return False
    pg_bin = os.environ["RELAIS_BENCH_PG_BIN"]
    port = os.environ["RELAIS_BENCH_PG_PORT"]
    say("dataset: (re)loading: migrations, the generator or the scale changed, or --reload")
    stamp_file.unlink(missing_ok=True)
    common = ["-h", "127.0.0.1", "-p", port, "-U", "postgres"]
    subprocess.run([f"{pg_bin}/dropdb", *common, "--if-exists", "relais"], check=True)
    subprocess.run([f"{pg_bin}/createdb", *common, "relais"], check=True)
    from django.core.management import call_command
    from django.db import connection

    connection.close()
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    from benchmarks import dataset

    figures = dataset.load(args.scale, stdout=sys.stdout)
    dataset.vacuum_analyze()
    seconds = time.perf_counter() - start
    say(
        f"dataset: loaded in {seconds:.0f} s (migrations included): {figures['dossiers']:,} dossiers, "
        f"{figures['user_rows']:,} user + {figures['group_rows']:,} group permission rows, "
        f"{figures['users']:,} users, {figures['timeline']:,} timeline entries"
    )
    stamp_file.write_text(want)
    return True


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


# --- HTTP under load ---------------------------------------------------------------------------


def session_cookie(user) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"  # as a real sign-in records it
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if user.needs_second_factor:
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="default", defaults={"confirmed": True})
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return session.session_key


def locust(args, base_url, name, path, cookie, work_dir):
    csv_prefix = work_dir / name
    command = [
        os.environ.get("RELAIS_BENCH_LOCUST") or "locust", "-f", str(ROOT / "benchmarks/locustfile.py"), "--headless",
        "-u", str(args.users), "-r", str(args.users), "-t", f"{args.duration}s", "--host", base_url,
        "--csv", str(csv_prefix), "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "5",
    ]  # fmt: skip
    runner = Started(f"locust-{name}", command, env={"BENCH_PATH": path, "BENCH_COOKIE": cookie or ""}, log=work_dir / f"{name}.log")
    try:
        runner.process.wait(timeout=args.duration + 90)
    finally:
        runner.stop()
    with open(f"{csv_prefix}_stats.csv", newline="") as f:
        stats = {r["Name"]: r for r in csv.DictReader(f)}
    total = stats["Aggregated"]
    requests, failures = int(total["Request Count"]), int(total["Failure Count"])
    result = {
        "rps": float(total["Requests/s"]),
        "p95": float(total["95%"]) / 1000,
        "requests": requests,
        "failures": failures,
    }
    say(f"  {name} {path}: {result['rps']:.1f} req/s, p95 {result['p95'] * 1000:.0f} ms, {requests} requests, {failures} failed")
    return result


def fetch_status(url, cookie):
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}"} if cookie else {})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, 0


def measure_http(args, work_dir):
    from accounts.models import User
    from approvals.services.status_links import status_link_issue
    from benchmarks import dataset
    from members.models import MembershipApplication

    say(f"HTTP: gunicorn, {args.workers} workers; locust headless, {args.users} users, {args.duration} s per page")
    applicant = User.objects.get(email=dataset.APPLICANT_EMAIL)
    copil = User.objects.get(email=dataset.COPIL_EMAIL)
    applicant_cookie, copil_cookie = session_cookie(applicant), session_cookie(copil)
    dossier = MembershipApplication.objects.get(reference=f"ADH-{dataset.BENCH_YEAR}-000000")
    token = status_link_issue(dossier=dossier, by=None)
    pages = [
        ("bare", "/bench/bare/", applicant_cookie),
        ("my_space", "/mon-espace/", applicant_cookie),
        ("copil_home", "/", copil_cookie),
        ("status_link", f"/suivi/{dossier.reference}/{token}/", None),
    ]
    from django.db import connections

    connections.close_all()
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    gunicorn = Started(
        "gunicorn",
        [str(Path(sys.executable).with_name("gunicorn")), "config.wsgi", "-w", str(args.workers), "-b", f"127.0.0.1:{port}",
         "--timeout", "120", "--log-level", "warning"],
        log=work_dir / "gunicorn.log",
    )  # fmt: skip
    results = {}
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        for name, path, cookie in pages:
            for _ in range(3 * args.workers):  # each worker warmed (imports, templates, connections)
                status, size = fetch_status(base_url + path, cookie)
            if status != 200:
                say(f"  {name} {path}: answered {status}, not 200; the figures below would not be of the page")
            serial = []
            for _ in range(20):
                start = time.perf_counter()
                fetch_status(base_url + path, cookie)
                serial.append(time.perf_counter() - start)
            say(f"  {name}: one client alone, median {ms(statistics.median(serial))} per request ({size:,} bytes)")
            results[name] = locust(args, base_url, name, path, cookie, work_dir)
    finally:
        gunicorn.stop()
    bare = results["bare"]
    baseline = f"{bare['rps']:.0f} req/s, p95 {bare['p95'] * 1000:.0f} ms"
    for name, label, target in (
        ("my_space", '"Mon espace" of an applicant', 0.25),
        ("copil_home", "home page of a COPIL member", 0.25),
        ("status_link", "public status-link page", 0.5),
    ):
        r = results[name]
        ratio = r["rps"] / bare["rps"] if bare["rps"] else 0
        note = f"{r['failures']} of {r['requests']} requests failed" if r["failures"] else ""
        row(label, f"{r['rps']:.1f} req/s, p95 {r['p95'] * 1000:.0f} ms", f"bare view: {baseline}", f"{ratio:.3f}×",
            f"≥ {target}×", ratio >= target and not r["failures"], note)  # fmt: skip


# --- letters to PDF ----------------------------------------------------------------------------


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


# --- count of visible dossiers -----------------------------------------------------------------


def captured_sql(function) -> tuple[object, str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        result = function()
    sql = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    return result, sql[-1]


def explain(sql) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(r[0] for r in cursor.fetchall())


def measure_count(args):
    from guardian.shortcuts import get_objects_for_user

    from accounts.models import User
    from approvals.access import visible
    from benchmarks import dataset
    from members.models import MembershipApplication as Model

    from django.db import connection

    total = Model.objects.count()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM members_membershipapplicationuserobjectpermission)"
            " + (SELECT count(*) FROM members_membershipapplicationgroupobjectpermission)"
        )
        rows = cursor.fetchone()[0]
    say(f"count of visible dossiers: {total:,} applications, {rows:,} permission rows on them (all kinds: see dataset)")
    perm = f"{Model._meta.app_label}.view_{Model._meta.model_name}"

    def relais():
        user = User.objects.get(email=dataset.VIEWER_EMAIL)
        return visible(user, Model.objects.all()).count()

    def guardian():
        user = User.objects.get(email=dataset.VIEWER_EMAIL)
        return get_objects_for_user(user, perm, klass=Model).count()

    samples = {"relais": [], "guardian": []}
    answers = {}
    for i in range(args.count_repeat + 1):
        for name, function in (("relais", relais), ("guardian", guardian)):
            start = time.perf_counter()
            answers[name] = function()
            if i:  # the first round warms caches
                samples[name].append(time.perf_counter() - start)
    ours, theirs = statistics.median(samples["relais"]), statistics.median(samples["guardian"])
    say(f"  visible(...).count() = {answers['relais']:,}; get_objects_for_user(...).count() = {answers['guardian']:,}")
    _, ours_sql = captured_sql(relais)
    _, theirs_sql = captured_sql(guardian)
    for title, sql in (("Relais: visible(user, qs).count()", ours_sql), ("guardian: get_objects_for_user(...).count()", theirs_sql)):
        say(f"  EXPLAIN (ANALYZE, BUFFERS), {title}:")
        say("    " + sql)
        for line in explain(sql).splitlines():
            say("    " + line)
    ratio = ours / theirs
    note = "" if answers["relais"] == answers["guardian"] else f"THE COUNTS DIFFER: {answers['relais']} vs {answers['guardian']}"
    row(f"count of visible dossiers ({total:,} applications)", ms(ours), f"get_objects_for_user: {ms(theirs)}",
        f"{ratio:.2f}×", "≤ 1.5×", ratio <= 1.5 and not note, note)  # fmt: skip


# --- perform() -----------------------------------------------------------------------------------


def reserved(first, last):
    from benchmarks import dataset

    return [f"ADH-{dataset.BENCH_YEAR}-{i:06d}" for i in range(first, last)]


def measure_perform(args):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.models import User
    from approvals.models import OutboxMessage
    from approvals.services.transitions import perform
    from benchmarks import dataset
    from members.models import MembershipApplication as Model

    references = reserved(*dataset.PERFORM_RANGE)
    half = len(references) // 2
    Model.objects.filter(reference__in=references).update(state=Model.State.SUBMITTED)
    screener = User.objects.get(email=dataset.SCREENER_EMAIL)
    outbox_before = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    ours = list(Model.objects.filter(reference__in=references[:half]).order_by("reference"))
    theirs = list(Model.objects.filter(reference__in=references[half:]).order_by("reference"))
    say(f"perform(): start_screening on {len(ours)} distinct applications vs the FSM method + save() on {len(theirs)}")

    with CaptureQueriesContext(connection) as queries:
        perform(ours[0], "start_screening", by=screener)
    perform_queries = len(queries.captured_queries)
    with CaptureQueriesContext(connection) as queries:
        theirs[0].start_screening(by=screener)
        theirs[0].save()
    fsm_queries = len(queries.captured_queries)

    user = User.objects.get(pk=screener.pk)  # a fresh user, as a request would have
    start = time.perf_counter()
    for dossier in ours[1:]:
        perform(dossier, "start_screening", by=user)
    ours_rate = (len(ours) - 1) / (time.perf_counter() - start)
    start = time.perf_counter()
    for dossier in theirs[1:]:
        dossier.start_screening(by=user)
        dossier.save()
    theirs_rate = (len(theirs) - 1) / (time.perf_counter() - start)
    # What perform() queued stays undelivered: the e-mail measure must not wait for it.
    OutboxMessage.objects.filter(pk__gt=outbox_before, status=OutboxMessage.Status.PENDING).update(
        status=OutboxMessage.Status.DELIVERED, delivered_at=timezone.now()
    )
    ratio = ours_rate / theirs_rate
    row("perform() on distinct dossiers", f"{ours_rate:.0f} per s ({perform_queries} queries)",
        f"FSM method + save(): {theirs_rate:.0f} per s ({fsm_queries} queries)", f"{ratio:.2f}×", "≥ 0.3×", ratio >= 0.3)  # fmt: skip


# --- render ------------------------------------------------------------------------------------------


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


# --- deciding vote to e-mail ----------------------------------------------------------------------


def measure_email(args, work_dir):
    from django.db import connections
    from django.utils import timezone

    from accounts.models import User
    from approvals.models import Ballot, Committee, OutboxMessage
    from approvals.services.ballots import ballot_open, vote_cast
    from benchmarks import dataset
    from config.celery import app
    from members.models import MembershipApplication as Model

    mail_dir = work_dir / "mail"
    mail_dir.mkdir()
    # Nothing older than this measure may be in the worker's way.
    OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).update(
        status=OutboxMessage.Status.DELIVERED, delivered_at=timezone.now()
    )
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(app.conf.task_default_queue or "celery")
    connections.close_all()
    worker = Started(
        "celery-worker",
        [str(Path(sys.executable).with_name("celery")), "-A", "config", "worker", f"--concurrency={args.worker_concurrency}",
         "-n", f"relais-bench-{os.getpid()}@%h", "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        env={"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "EMAIL_FILE_PATH": str(mail_dir),
             "PYTHONUNBUFFERED": "1"},
        log=work_dir / "worker.log",
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while " ready." not in worker.read_log():
            if worker.process.poll() is not None or time.monotonic() > deadline:
                say(worker.read_log()[-3000:])
                raise RuntimeError("the Celery worker did not start")
            time.sleep(0.1)
        committee = Committee.objects.get(code="copil")
        members = [User.objects.get(email=e) for e in [dataset.COPIL_EMAIL, *dataset.COMMITTEE_EMAILS]]
        references = reserved(dataset.BALLOT_RANGE[0], dataset.BALLOT_RANGE[0] + args.decisions)
        Model.objects.filter(reference__in=references).update(state=Model.State.COPIL_REVIEW)
        dossiers = list(Model.objects.filter(reference__in=references).select_related("owner").order_by("reference"))
        Ballot.objects.filter(dossier_reference__in=references, status=Ballot.Status.OPEN).update(status=Ballot.Status.CANCELLED)
        say(f"deciding vote -> applicant's e-mail: {len(dossiers)} decisions (reject), COPIL of {len(members)}, real worker"
            f" (prefork, {args.worker_concurrency} processes), file e-mail backend polled every 10 ms")
        seen: set[str] = set()
        samples = []
        missed = 0
        waits = []
        for dossier in dossiers:
            # Each decision on its own: the work the previous one queued
            # (its letter, its PDF, the other notifications) is done first.
            start = time.perf_counter()
            while OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).exists():
                if time.perf_counter() - start > 120:
                    break
                time.sleep(0.05)
            waits.append(time.perf_counter() - start)
            ballot = ballot_open(dossier=dossier, committee=committee, question="Bench?", by=members[0])
            address = f"To: {dossier.owner.email}"
            for member in members:
                start = time.perf_counter()
                vote_cast(ballot_id=ballot.pk, by=member, choice="reject")
                if Ballot.objects.get(pk=ballot.pk).status == Ballot.Status.DECIDED:
                    break
            else:
                raise RuntimeError("the ballot did not close")
            found = None
            while found is None and time.perf_counter() - start < args.email_timeout:
                for path in mail_dir.iterdir():
                    if path.name in seen:
                        continue
                    text = path.read_text(errors="replace")
                    if address in text:
                        found = time.perf_counter() - start
                        seen.add(path.name)
                        break
                else:
                    time.sleep(0.01)
            if found is None:
                missed += 1
            else:
                samples.append(found)
    finally:
        worker.stop()
    if not samples:
        row("deciding vote → applicant's e-mail (real worker)", "no e-mail arrived", "—", "—", "p95 ≤ 2 s", False,
            f"none within {args.email_timeout} s; see the worker's log")  # fmt: skip
        return
    samples.sort()
    p95 = samples[max(0, round(0.95 * len(samples)) - 1)]
    say(f"  after each e-mail, the rest of the decision's work (letter, PDF, other notifications) took up to {max(waits):.1f} s more"
        f" (median {statistics.median(waits):.1f} s); the next decision waited for it")
    note = f"{missed} of {len(dossiers)} e-mails did not arrive within {args.email_timeout} s" if missed else ""
    row("deciding vote → applicant's e-mail (real worker)", f"p95 {ms(p95)}, median {ms(statistics.median(samples))} over {len(samples)}",
        "—", "—", "p95 ≤ 2 s", p95 <= 2 and not missed, note)  # fmt: skip


# --- main ----------------------------------------------------------------------------------------------


def machine() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
        cursor.execute("SHOW jit")
        jit = cursor.fetchone()[0]
    memory = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.strip()
    load = os.getloadavg()
    return (
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; nproc {os.cpu_count()}; load average {load[0]:.1f} {load[1]:.1f};"
        f" PostgreSQL {pg} (jit {jit}); Python {platform.python_version()}\n{memory}"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(prog="benchmarks/run", description=__doc__)
    parser.add_argument("--only", default=",".join(MEASURES), help=f"comma-separated, of: {', '.join(MEASURES)}")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 100,000 dossiers")
    parser.add_argument("--reload", action="store_true", help="load the dataset again")
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per page")
    parser.add_argument("--users", type=int, default=50, help="concurrent locust users")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--letters-1000", action="store_true", help="convert 1,000 letters (batch path only)")
    parser.add_argument("--pdf-sample", type=int, default=10, help="letters converted one by one when the batch path is missing")
    parser.add_argument("--pdf-all", action="store_true", help="without the batch path, convert all 50 one by one")
    parser.add_argument("--count-repeat", type=int, default=7)
    parser.add_argument("--render-repeat", type=int, default=20)
    parser.add_argument("--decisions", type=int, default=20)
    parser.add_argument("--email-timeout", type=float, default=30)
    parser.add_argument("--worker-concurrency", type=int, default=os.cpu_count() or 2,
                        help="Celery worker processes (prefork, as in production); default: the cores")
    args = parser.parse_args(argv)
    chosen = [m.strip() for m in args.only.split(",") if m.strip()]
    unknown = set(chosen) - set(MEASURES)
    if unknown:
        parser.error(f"unknown measure(s): {', '.join(sorted(unknown))}")

    django.setup()
    started = time.perf_counter()
    ensure_dataset(args)
    say(machine())
    # Logs of gunicorn, locust and the worker, kept until the next run.
    work_dir = Path(os.environ["RELAIS_BENCH_DIR"]) / "last-run"
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    steps = {
        "http": lambda: measure_http(args, work_dir),
        "pdf": lambda: measure_pdf(args, work_dir),
        "count": lambda: measure_count(args),
        "perform": lambda: measure_perform(args),
        "render": lambda: measure_render(args),
        "email": lambda: measure_email(args, work_dir),
    }
    failed = []
    for name in MEASURES:
        if name not in chosen:
            continue
        say("")
        try:
            steps[name]()
        except Exception as exc:  # one broken measure must not hide the others
            import traceback

            traceback.print_exc()
            failed.append(name)
            row(name, f"FAILED: {type(exc).__name__}: {exc}", "—", "—", "—", False)
    say("")
    say(f"benchmarks/run: finished in {time.perf_counter() - started:.0f} s")
    say("")
    say(table())
    out = Path(os.environ["RELAIS_BENCH_DIR"]) / "last-run.txt"
    out.write_text("\n".join(OUT) + "\n")
    print(f"\n(kept in {out})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
