"""The database measures: the count of the dossiers a user may see (with
both EXPLAIN plans) against guardian's query, and perform() against the FSM
method + save()."""

import statistics
import time

from .common import ms, reserved, row, say


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
    say(f"perform(): start_screening on {len(ours)} distinct applications vs the FSM method + save() on {len(theirs)}"
        " (the first 6 of each untimed)")  # fmt: skip

    # Warm-up, untimed, as for the count: a process's first transitions fill
    # its caches (content types, permission ids, the actor's roles), and the
    # relay's first ask opens the broker's connection (about 60 ms, in a
    # thread of the process): let it finish. Then the queries of one call,
    # as every later call makes them.
    warm = 5
    for dossier in ours[:warm]:
        perform(dossier, "start_screening", by=screener)
    for dossier in theirs[:warm]:
        dossier.start_screening(by=screener)
        dossier.save()
    time.sleep(0.5)
    with CaptureQueriesContext(connection) as queries:
        perform(ours[warm], "start_screening", by=screener)
    perform_queries = len(queries.captured_queries)
    say("  the queries of one call: " + "; ".join(q["sql"][:60] for q in queries.captured_queries))
    with CaptureQueriesContext(connection) as queries:
        theirs[warm].start_screening(by=screener)
        theirs[warm].save()
    fsm_queries = len(queries.captured_queries)
    user = User.objects.get(pk=screener.pk)  # a fresh user, as a request would have
    # Timed in rounds, ours then theirs in each, so that a change of the
    # machine's speed during the measure (other work, a noisy neighbour)
    # weighs on both sides: the ratio is the median of the rounds'.
    rounds = 5
    ours_left, theirs_left = ours[warm + 1 :], theirs[warm + 1 :]
    size = min(len(ours_left), len(theirs_left)) // rounds
    ours_time = theirs_time = 0.0
    ratios = []
    for index in range(rounds):
        start = time.perf_counter()
        for dossier in ours_left[index * size : (index + 1) * size]:
            perform(dossier, "start_screening", by=user)
        mine = time.perf_counter() - start
        start = time.perf_counter()
        for dossier in theirs_left[index * size : (index + 1) * size]:
            dossier.start_screening(by=user)
            dossier.save()
        baseline = time.perf_counter() - start
        ours_time, theirs_time = ours_time + mine, theirs_time + baseline
        ratios.append(baseline / mine)
    ours_rate, theirs_rate = rounds * size / ours_time, rounds * size / theirs_time
    say(f"  {rounds} rounds of {size} each way; ratio per round: " + ", ".join(f"{r:.2f}" for r in ratios))
    # What perform() queued stays undelivered: the e-mail measure must not wait for it.
    OutboxMessage.objects.filter(pk__gt=outbox_before, status=OutboxMessage.Status.PENDING).update(
        status=OutboxMessage.Status.DELIVERED, delivered_at=timezone.now()
    )
    ratio = statistics.median(ratios)
    row("perform() on distinct dossiers", f"{ours_rate:.0f} per s ({perform_queries} queries)",
        f"FSM method + save(): {theirs_rate:.0f} per s ({fsm_queries} queries)", f"{ratio:.2f}×", "≥ 0.3×", ratio >= 0.3)  # fmt: skip
