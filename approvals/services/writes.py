"""Several writes of one transaction sent as one statement.

`perform()` changes a dossier's row, appends its timeline entry and queues
its notifications: three writes whose values are all known before the first
is sent. On PostgreSQL they go as one statement (the update and the outbox
rows as data-modifying `WITH` parts, the timeline entry as the main INSERT
that returns its id): one round trip instead of three. The SQL of each part
is Django's own (its update and insert compilers: the fields' `pre_save`
and `get_db_prep_save`, so `auto_now`, JSON and encrypted fields are written
exactly as `save()` writes them).

Used only where `save()` would add nothing: a model whose `save()` is
overridden (beyond the engine's own) or that has `pre_save`/`post_save`
receivers goes through the ORM as before, and so does every database other
than PostgreSQL (SQLite, the demo's, has no data-modifying `WITH` and no
round trips to save).
"""

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Model, signals
from django.db.models.sql import InsertQuery, UpdateQuery

from config.prepared import prepared_cursor

from ..saving import WRITES_AS_DJANGO


def one_statement_possible(*instances) -> bool:
    """Whether these instances may be written by `write_together` (same
    outcome as their `save()`)."""
    if connection.vendor != "postgresql":
        return False
    for instance in instances:
        model = type(instance)
        if model.save is not Model.save and not getattr(model.save, WRITES_AS_DJANGO, False):
            return False
        if signals.pre_save.has_listeners(model) or signals.post_save.has_listeners(model):
            return False
    return True


def write_together(*, update, update_fields, inserts, returning) -> None:
    """UPDATE `update`'s `update_fields` (its primary key in the WHERE),
    INSERT every instance of `inserts` (unsaved; grouped by model, each group
    in one multi-row INSERT), and INSERT `returning` (unsaved), whose primary
    key is set from the database. One statement on PostgreSQL."""
    db = connections[DEFAULT_DB_ALIAS]  # once: each `connection.x` is a lookup of its own
    meta = update._meta
    changes = [(field, field.pre_save(update, False)) for field in map(meta.get_field, update_fields)]
    groups = {}
    for instance in inserts:
        groups.setdefault(type(instance), []).append(instance)
    groups = [*groups.items(), (type(returning), [returning])]
    shape = (type(update), tuple(update_fields), tuple((model, len(objects)) for model, objects in groups))
    params = [field.get_db_prep_save(value, db) for field, value in changes]
    params.append(meta.pk.get_db_prep_value(update.pk, db))
    for model, objects in groups:
        fields = _insert_fields(model)
        params += [field.get_db_prep_save(field.pre_save(instance, True), db) for instance in objects for field in fields]
    sql = _statements.get(shape)
    if sql is None:
        sql, compiled = _compile(update, changes, groups)
        if len(compiled) == len(params) and all(map(_same, compiled, params)):
            _statements[shape] = sql  # the same SQL serves every write of this shape
        params = compiled
    with prepared_cursor() as cursor:
        cursor.execute(sql, params)
        returning.pk = cursor.fetchone()[0]
    for instance in (*inserts, returning):
        instance._state.adding = False
        instance._state.db = db.alias
    update._state.db = db.alias


# shape (model updated, its fields, (model inserted, rows)...) -> the statement.
# Django's compilers write each statement the first time; the parameters
# are computed here as they compute them (each field's pre_save and
# get_db_prep_save), and a shape is kept only when both agree.
_statements: dict[tuple, str] = {}


def _compile(update, changes, groups) -> tuple[str, list]:
    query = UpdateQuery(type(update))
    query.add_update_fields([(field, None, value) for field, value in changes])
    query.add_filter("pk", update.pk)
    parts = [query.get_compiler(connection.alias).as_sql()]
    for index, (model, objects) in enumerate(groups):
        query = InsertQuery(model)
        query.insert_values(_insert_fields(model), objects)
        compiler = query.get_compiler(connection.alias)
        compiler.returning_fields = [model._meta.pk] if index == len(groups) - 1 else None
        statements = compiler.as_sql()
        if len(statements) != 1:  # one multi-row INSERT on PostgreSQL, always
            raise RuntimeError(f"expected one INSERT statement for {model.__name__}, got {len(statements)}")
        parts.append(statements[0])
    *ctes, (main_sql, _main_params) = parts
    sql = "WITH " + ", ".join(f'"w{i}" AS ({part_sql})' for i, (part_sql, _params) in enumerate(ctes)) + " " + main_sql
    return sql, [value for _sql, part_params in parts for value in part_params]


def _insert_fields(model):
    meta = model._meta
    return [field for field in meta.local_concrete_fields if not field.generated and field is not meta.auto_field]


def _same(compiled, computed) -> bool:
    """The compiler's parameter and ours are the same value (JSON adapters
    compare by what they wrap)."""
    if type(compiled) is not type(computed):
        return False
    if hasattr(compiled, "obj"):  # psycopg's Json/Jsonb wrappers
        return compiled.obj == computed.obj
    return compiled == computed
