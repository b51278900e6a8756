"""A dossier's row read under its lock, with what its transition reads too.

`perform()` locks the row it changes. The same query brings what every
transition of the kind reads: for kinds with `tracked_fields`, the last
snapshot of its timeline (what changed since), and whatever the kind asks
for with `read_with_lock` (a membership application: its themes, target
groups and documents, and who may change it). One round trip instead of
one per read.

The SQL is written once per kind, from the model's own columns, and the
values are turned into Python by each field's own converters, as the ORM
does (`from_db`): a JSON or encrypted field reads the same either way.
"""

import json
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connection, connections

from config.prepared import prepared_cursor

from ..models import TimelineEntry

ROW = "relais_locked"  # the locked row's alias, which extras may name
PREVIOUS_SNAPSHOT = "_relais_previous_snapshot"


@dataclass(frozen=True)
class _Columns:
    sql: str  # the model's columns, as the SELECT list
    attnames: tuple
    converters: tuple  # per column: ((converter, expression), ...)


_columns: dict[tuple[type, str], _Columns] = {}


def lock_row(model, pk, *, content_type_id: int):
    """The dossier `pk` of `model`, its row locked for the transaction (on a
    database that locks rows), with the extras in its `__dict__`. Raises
    `model.DoesNotExist` when there is no such row."""
    db = connections[DEFAULT_DB_ALIAS]  # once: each `connection.x` is a lookup of its own
    columns = _columns.get((model, db.vendor))
    if columns is None:
        columns = _columns[model, db.vendor] = _read_columns(model)
    extras = _extras(model, content_type_id)
    quote = db.ops.quote_name
    lock = " FOR UPDATE OF " + quote(ROW) if db.features.has_select_for_update_of else ""
    sql = "".join(
        [
            f"SELECT {columns.sql}",
            *(f", ({extra_sql})" for extra_sql, _params in extras.values()),
            f" FROM {quote(model._meta.db_table)} {quote(ROW)} WHERE {_row_id(model)} = %s{lock}",
        ]
    )
    with prepared_cursor() as cursor:
        cursor.execute(sql, [*(value for _sql, params in extras.values() for value in params), pk])
        row = cursor.fetchone()
    if row is None:
        raise model.DoesNotExist(f"{model.__name__} matching query does not exist.")
    count = len(columns.attnames)
    values = []
    for value, converters in zip(row[:count], columns.converters):
        for converter, expression in converters:
            value = converter(value, expression, db)
        values.append(value)
    instance = model.from_db(db.alias, columns.attnames, values)
    for name, value in zip(extras, row[count:]):
        instance.__dict__[name] = json.loads(value) if isinstance(value, str) else value
    instance.__dict__[_EXTRAS] = tuple(extras)
    return instance


def forget_read_with_lock(instance) -> None:
    """Drop the extras read with the lock (the transition's own reads): the
    kind's `transitioned` hook, which may change what they answer, reads
    afresh."""
    for name in instance.__dict__.pop(_EXTRAS, ()):
        instance.__dict__.pop(name, None)


_EXTRAS = "_relais_read_with_lock"  # the names of the extras an instance holds


def _row_id(model) -> str:
    quote = connection.ops.quote_name
    return f"{quote(ROW)}.{quote(model._meta.pk.column)}"


def _extras(model, content_type_id) -> dict[str, tuple[str, list]]:
    """name -> (scalar subquery, its parameters), asked afresh each time (a
    content type's or permission's id is the database's, not the process's)."""
    extras = {}
    if model.tracked_fields:
        timeline = connection.ops.quote_name(TimelineEntry._meta.db_table)
        extras[PREVIOUS_SNAPSHOT] = (
            f"SELECT s.snapshot FROM {timeline} s WHERE s.content_type_id = %s AND s.object_id = {_row_id(model)}"
            " AND s.snapshot IS NOT NULL ORDER BY s.created_at DESC, s.id DESC LIMIT 1",
            [content_type_id],
        )
    extras.update(model.read_with_lock(_row_id(model)))
    return extras


def _read_columns(model) -> _Columns:
    quote = connection.ops.quote_name
    fields = model._meta.concrete_fields
    converters = []
    for field in fields:
        expression = field.get_col(ROW)
        found = [*connection.ops.get_db_converters(expression), *expression.get_db_converters(connection)]
        converters.append(tuple((converter, expression) for converter in found))
    return _Columns(
        ", ".join(f"{quote(ROW)}.{quote(field.column)}" for field in fields),
        tuple(field.attname for field in fields),
        tuple(converters),
    )
