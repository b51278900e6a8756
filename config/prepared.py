"""A cursor whose statements PostgreSQL keeps prepared.

Some statements are sent again and again with the same text: the engine's
on every transition (the row locked with what the transition reads, its
writes), the home page's probes on every home page. The server spends
longer planning them than running them (0.19 ms of planning against
0.06 ms of execution for the lock of a membership application; 4.6 ms
against 3 ms for the probes). Through this cursor they are bound on the
server and prepared on first use, so each connection plans them once.
Django's own cursors bind on the client and prepare nothing (their SQL
changes from one query to the next).

The cursor is Django's cursor wrapper around psycopg's server-binding
cursor: queries are logged and counted, errors translated, as for any
other. `DB_PREPARED=off` (settings.RELAIS_DB_PREPARED) turns it off, for a
connection pooler that cannot keep prepared statements (PgBouncer in
transaction mode before 1.21). psycopg drops the connection's prepared
statements after a rollback and prepares them again when next used.
"""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections


def prepared_cursor(alias: str = DEFAULT_DB_ALIAS):
    """A cursor for statements worth keeping prepared (Django's usual
    cursor on other databases, or with RELAIS_DB_PREPARED off)."""
    db = connections[alias]
    if db.vendor != "postgresql" or not getattr(settings, "RELAIS_DB_PREPARED", True):
        return db.cursor()
    db.close_if_health_check_failed()
    db.ensure_connection()
    with db.wrap_database_errors:
        cursor = _preparing_class()(db.connection)
        _keep_time_zone(db, cursor)
        return db._prepare_cursor(cursor)  # Django's wrapping, as db.cursor() does


_class = None


def _preparing_class():
    global _class
    if _class is None:
        from django.db.backends.postgresql.base import ServerBindingCursor

        class PreparingCursor(ServerBindingCursor):
            """psycopg's server-binding cursor (as Django's with
            `server_side_binding`), preparing every statement it runs."""

            def execute(self, query, params=None, *, prepare=None, binary=None):
                result = super().execute(query, params, prepare=True, binary=binary)
                # What Django's query log shows (its last_executed_query
                # reads `_query.query`, which only client-binding cursors set).
                self._query = _Shown(query, params)
                return result

        _class = PreparingCursor
    return _class


def _keep_time_zone(db, cursor):
    """The time zone of Django's cursors (DatabaseWrapper.create_cursor)."""
    from django.db.backends.postgresql.base import TIMESTAMPTZ_OID
    from django.db.backends.postgresql.psycopg_any import register_tzloader
    from psycopg.pq import Format

    loader = db.connection.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)
    if db.timezone != loader.timezone:
        register_tzloader(db.timezone, cursor)


class _Shown:
    """A query as the log shows it, its parameters written in (composed only
    when read: when queries are logged)."""

    def __init__(self, query, params):
        self.args = (query, params)

    @property
    def query(self) -> bytes:
        return connection.ops.compose_sql(*self.args).encode()
