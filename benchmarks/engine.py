"""Benchmarks of the approvals engine.

    .venv/bin/python benchmarks/engine.py            # SQLite in a temp dir
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/engine.py

Measures, on a scripted dataset of test-only dossiers (tests.dossiers):
- listing the dossiers a user may see (object permissions in guardian's
  direct foreign-key tables) for 100, 1,000 and 10,000 dossiers: wall time
  and number of queries;
- casting a vote that closes a ballot (decision, transition, timeline,
  outbox), per vote;
- deciding whether a ballot's outcome is certain for committees of 9 and 30;
- peak Python memory (tracemalloc) of listing 10,000 dossiers.
"""

import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
if not os.environ.get("DATABASE_URL"):
    os.environ["RELAIS_VAR_DIR"] = tempfile.mkdtemp(prefix="relais-bench-")
os.environ.pop("REDIS_URL", None)  # tasks in-process: measure the engine, not the broker
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Permission  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

call_command("migrate", verbosity=0)

from accounts.models import User  # noqa: E402
from approvals.access import visible  # noqa: E402
from approvals.models import Ballot, Committee, Threshold  # noqa: E402
from approvals.services import ballot_open, dossier_create, vote_cast  # noqa: E402
from approvals.tallies import Counts, certain_outcome  # noqa: E402
from tests.dossiers.models import Petition, PetitionUserObjectPermission  # noqa: E402


def timed(function, repeat=5):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def make_petitions(owner, count, start):
    petitions = Petition.objects.bulk_create(
        [Petition(reference=f"TST-1990-{start + i:06d}", title=f"Bench {i}") for i in range(count)], batch_size=2000
    )
    view = Permission.objects.get(codename="view_petition")
    PetitionUserObjectPermission.objects.bulk_create(
        [PetitionUserObjectPermission(user=owner, permission=view, content_object=p) for p in petitions[::2]],
        batch_size=2000,
    )


def bench_listing():
    owner, _ = User.objects.get_or_create(email="bench-owner@example.org")
    total = 0
    print("listing visible dossiers (first 50 of those visible, ordered by reference)")
    for size in (100, 1_000, 10_000):
        make_petitions(owner, size - total, total)
        total = size
        fresh = User.objects.get(pk=owner.pk)

        def page():
            return list(visible(fresh, Petition.objects.order_by("reference"))[:50])

        with CaptureQueriesContext(connection) as queries:
            page()
        seconds, rows = timed(page)
        print(f"  {size:>6} dossiers: {seconds * 1000:7.2f} ms, {len(queries.captured_queries)} queries, {len(rows)} rows")

    tracemalloc.start()
    rows = list(visible(User.objects.get(pk=owner.pk), Petition.objects.all()).values_list("reference", flat=True))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  all {len(rows)} visible references of 10,000: peak {peak / 1024 / 1024:.1f} MiB")


def bench_votes():
    committee = Committee.objects.get(code="copil")
    members = [User.objects.create(email=f"bench-member{i}@example.org") for i in range(9)]
    committee.members.set(members)
    committee.chair = members[0]
    committee.save()
    applicant = User.objects.create(email="bench-applicant@example.org")
    samples = []
    for round_number in range(20):
        petition = dossier_create(Petition, by=applicant, title=f"Vote {round_number}")
        Petition.objects.filter(pk=petition.pk).update(state=Petition.State.REVIEW)
        petition.refresh_from_db()
        ballot = ballot_open(dossier=petition, committee=committee, question="?")
        for member in members[:4]:
            vote_cast(ballot_id=ballot.pk, by=member, choice="approve")
        start = time.perf_counter()
        vote_cast(ballot_id=ballot.pk, by=members[4], choice="approve")  # the deciding vote
        samples.append(time.perf_counter() - start)
        assert Ballot.objects.get(pk=ballot.pk).status == Ballot.Status.DECIDED
    print(f"deciding vote (decision, transition, timeline, outbox): median {statistics.median(samples) * 1000:.1f} ms over 20")


def bench_certainty():
    for eligible in (9, 30):
        counts = Counts(approve=eligible // 3, reject=eligible // 4)
        seconds, _ = timed(
            lambda: certain_outcome(counts, eligible=eligible, threshold=Threshold.TWO_THIRDS, quorum_percent=50), 20
        )
        print(f"certain outcome, {eligible} eligible, {eligible - counts.cast} not yet voted: {seconds * 1000:.2f} ms")


if __name__ == "__main__":
    print(f"database: {connection.vendor}; python {sys.version.split()[0]}; cores {os.cpu_count()}")
    reset_queries()
    bench_listing()
    bench_votes()
    bench_certainty()
