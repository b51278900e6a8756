"""Deciding vote to the applicant's e-mail, with a real Celery worker."""

import os
import statistics
import sys
import time
from pathlib import Path

from .common import Started, ms, reserved, row, say


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
