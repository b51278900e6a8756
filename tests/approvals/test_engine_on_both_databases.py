"""perform() writes the same things on both databases Relais runs on.

On PostgreSQL (production, this suite) a transition is one locked read and
one write statement, kept prepared (approvals.services.locking, .writes,
.prepared); on SQLite (the demo's embedded database) the same transition
goes through the ORM. The same story, told on both, must leave the same
dossier, timeline and notifications behind.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

from tests.approvals.engine_story import story

ROOT = Path(__file__).resolve().parents[2]
MARK = "ENGINE-STORY:"


def test_a_story_leaves_the_same_traces_on_postgresql_and_on_sqlite(db, tmp_path):
    assert connection.vendor == "postgresql", "bin/test runs the suite on PostgreSQL; this test compares it with SQLite"
    here = json.loads(json.dumps(story()))  # as the child reports it
    there = _story_on_sqlite(tmp_path)

    # the two paths were the ones meant
    assert here.pop("one_statement") is True
    assert there.pop("one_statement") is False
    # and left the same traces
    assert here == there
    # which are the story's: back under screening with the phone changed, the
    # resubmission recording that change and only it, a second submit refused
    assert here["state"] == "screening" and here["refused"] == "TransitionRefused"
    assert [(step["from"], step["to"]) for step in here["steps"]] == [
        ("", "draft"), ("draft", "submitted"), ("submitted", "screening"),
        ("screening", "information_requested"), ("information_requested", "screening"),
    ]  # fmt: skip
    resubmission = here["steps"][-1]
    assert resubmission["actor"] == "applicant" and resubmission["phone"] == "+241 07 77 77 77"
    assert [(c["field"], c["before"], c["after"]) for c in resubmission["changes"]] == [
        ("phone", "+241 01 00 00 00", "+241 07 77 77 77")
    ]
    assert "document:statutes" in resubmission["snapshot"] and resubmission["themes"]
    assert ["screener", "submitted", False] in here["notifications"]
    assert ["applicant", "information_requested", True] in here["notifications"]


def _story_on_sqlite(tmp_path) -> dict:
    env = {name: value for name, value in os.environ.items() if name not in ("DATABASE_URL", "REDIS_URL", "RELAIS_ENV")}
    env.update(RELAIS_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="config.settings", PYTHONPATH=str(ROOT))
    run = dict(cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    migrated = subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], **run)
    assert migrated.returncode == 0, migrated.stderr[-2000:]
    script = (
        "import json; from django.db import connection; from tests.approvals.engine_story import story;"
        f"assert connection.vendor == 'sqlite', connection.vendor; print({MARK!r} + json.dumps(story()))"
    )
    told = subprocess.run([sys.executable, "manage.py", "shell", "-c", script], **run)
    assert told.returncode == 0, told.stderr[-2000:]
    line = next(line for line in told.stdout.splitlines() if line.startswith(MARK))
    return json.loads(line[len(MARK) :])


def test_the_transitions_statements_are_kept_prepared_and_logged_readably(db):
    from django.test.utils import CaptureQueriesContext

    from approvals.services import perform
    from tests.members.factories import ApplicationFactory

    applications = [ApplicationFactory(name=f"Association {i}") for i in range(3)]
    for application in applications:
        with CaptureQueriesContext(connection) as queries:
            perform(application, "submit", by=application.owner)
        # every statement is logged with its values written in, as Django logs its own
        logged = [query["sql"] for query in queries.captured_queries]
        assert all(isinstance(sql, str) for sql in logged), logged
        assert any(sql.startswith("WITH ") and f"'{application.reference}'" in sql for sql in logged), logged
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
        prepared = [row[0] for row in cursor.fetchall()]
    # one lock and one write statement, prepared once for the three transitions
    assert len([sql for sql in prepared if '"relais_locked"' in sql]) == 1, prepared
    assert len([sql for sql in prepared if sql.startswith("WITH ")]) == 1, prepared


def test_with_prepared_statements_off_transitions_prepare_nothing_and_write_the_same(db, settings):
    from approvals.models import TimelineEntry
    from approvals.services import perform
    from tests.members.factories import ApplicationFactory

    settings.RELAIS_DB_PREPARED = False  # DB_PREPARED=off: behind a pooler that cannot keep them
    application = ApplicationFactory(name="Association Sans Préparation")
    perform(application, "submit", by=application.owner)
    perform(application, "withdraw", by=application.owner)

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE NOT from_sql")
        assert cursor.fetchone()[0] == 0
    application.refresh_from_db()
    assert application.state == "withdrawn"
    steps = TimelineEntry.objects.filter(dossier_reference=application.reference).order_by("id")
    assert [(step.from_state, step.to_state) for step in steps] == [("", "draft"), ("draft", "submitted"), ("submitted", "withdrawn")]
