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

from django.db import connection
from django.db.models import Model, signals
from django.db.models.sql import InsertQuery, UpdateQuery

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
    parts = [_update_sql(update, update_fields)]
    groups = {}
    for instance in inserts:
        groups.setdefault(type(instance), []).append(instance)
    parts += [_insert_sql(model, objects) for model, objects in groups.items()]
    main_sql, main_params = _insert_sql(type(returning), [returning], returning_pk=True)
    sql = "WITH " + ", ".join(f'"w{i}" AS ({part_sql})' for i, (part_sql, _params) in enumerate(parts)) + " " + main_sql
    params = [value for _sql, part_params in parts for value in part_params] + list(main_params)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        returning.pk = cursor.fetchone()[0]
    for instance in (*inserts, returning):
        instance._state.adding = False
        instance._state.db = connection.alias
    update._state.db = connection.alias


def _update_sql(instance, field_names):
    meta = instance._meta
    query = UpdateQuery(type(instance))
    values = []
    for name in field_names:
        field = meta.get_field(name)
        values.append((field, None, field.pre_save(instance, False)))
    query.add_update_fields(values)
    query.add_filter("pk", instance.pk)
    return query.get_compiler(connection.alias).as_sql()


def _insert_sql(model, objects, *, returning_pk=False):
    meta = model._meta
    fields = [field for field in meta.local_concrete_fields if not field.generated and field is not meta.auto_field]
    query = InsertQuery(model)
    query.insert_values(fields, objects)
    compiler = query.get_compiler(connection.alias)
    compiler.returning_fields = [meta.pk] if returning_pk else None
    statements = compiler.as_sql()
    if len(statements) != 1:  # one multi-row INSERT on PostgreSQL, always
        raise RuntimeError(f"expected one INSERT statement for {model.__name__}, got {len(statements)}")
    return statements[0]
