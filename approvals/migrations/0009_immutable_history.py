"""The database itself refuses to change or remove the history: a timeline
entry is never updated or deleted, and a vote is never updated or deleted
once its ballot is no longer open. Python refuses too (TimelineEntry.save);
these triggers hold against raw SQL, bulk updates and other programs."""

from django.db import migrations

POSTGRESQL = [
    """
    CREATE OR REPLACE FUNCTION relais_timeline_is_immutable() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'relais: a timeline entry is never changed or removed (% on entry %)', TG_OP, OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER relais_timeline_immutable
    BEFORE UPDATE OR DELETE ON approvals_timelineentry
    FOR EACH ROW EXECUTE FUNCTION relais_timeline_is_immutable()
    """,
    """
    CREATE OR REPLACE FUNCTION relais_closed_vote_is_immutable() RETURNS trigger AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM approvals_ballot WHERE id = OLD.ballot_id AND status <> 'open') THEN
            RAISE EXCEPTION 'relais: the votes of a closed ballot are never changed or removed (% on vote %)', TG_OP, OLD.id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER relais_closed_vote_immutable
    BEFORE UPDATE OR DELETE ON approvals_vote
    FOR EACH ROW EXECUTE FUNCTION relais_closed_vote_is_immutable()
    """,
]

POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS relais_closed_vote_immutable ON approvals_vote",
    "DROP FUNCTION IF EXISTS relais_closed_vote_is_immutable()",
    "DROP TRIGGER IF EXISTS relais_timeline_immutable ON approvals_timelineentry",
    "DROP FUNCTION IF EXISTS relais_timeline_is_immutable()",
]

SQLITE = [
    """
    CREATE TRIGGER relais_timeline_no_update BEFORE UPDATE ON approvals_timelineentry
    BEGIN SELECT RAISE(ABORT, 'relais: a timeline entry is never changed or removed'); END
    """,
    """
    CREATE TRIGGER relais_timeline_no_delete BEFORE DELETE ON approvals_timelineentry
    BEGIN SELECT RAISE(ABORT, 'relais: a timeline entry is never changed or removed'); END
    """,
    """
    CREATE TRIGGER relais_closed_vote_no_update BEFORE UPDATE ON approvals_vote
    WHEN EXISTS (SELECT 1 FROM approvals_ballot WHERE id = OLD.ballot_id AND status <> 'open')
    BEGIN SELECT RAISE(ABORT, 'relais: the votes of a closed ballot are never changed or removed'); END
    """,
    """
    CREATE TRIGGER relais_closed_vote_no_delete BEFORE DELETE ON approvals_vote
    WHEN EXISTS (SELECT 1 FROM approvals_ballot WHERE id = OLD.ballot_id AND status <> 'open')
    BEGIN SELECT RAISE(ABORT, 'relais: the votes of a closed ballot are never changed or removed'); END
    """,
]

SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS relais_closed_vote_no_delete",
    "DROP TRIGGER IF EXISTS relais_closed_vote_no_update",
    "DROP TRIGGER IF EXISTS relais_timeline_no_delete",
    "DROP TRIGGER IF EXISTS relais_timeline_no_update",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("approvals", "0008_letter_render_status")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
