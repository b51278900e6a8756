"""Who may see and do what on a dossier.

Rights on one dossier are guardian object permissions kept in each dossier
model's direct foreign-key tables; rights on every dossier of a kind come
from the user's roles (model permissions of their groups). Lists filter in
SQL with the permission join, so a page costs the same few queries however
many dossiers there are.
"""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.models import ForeignKey
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_migrate
from django.http import Http404
from guardian.shortcuts import assign_perm, remove_perm
from guardian.utils import get_group_obj_perms_model, get_user_obj_perms_model


def codename(model, action: str) -> str:
    return f"{action}_{model._meta.model_name}"


def perm_name(model, action: str) -> str:
    return f"{model._meta.app_label}.{codename(model, action)}"


def grant(who, dossier, *actions: str) -> None:
    """Give a user or group `actions` (e.g. "view", "change") on one dossier."""
    for action in actions:
        assign_perm(perm_name(type(dossier), action), who, dossier)
    dossier.__dict__.pop(_CODENAMES, None)
    dossier.__dict__.pop(SEES_INTERNAL_CACHE, None)


def revoke(who, dossier, *actions: str) -> None:
    for action in actions:
        remove_perm(perm_name(type(dossier), action), who, dossier)
    dossier.__dict__.pop(_CODENAMES, None)
    dossier.__dict__.pop(SEES_INTERNAL_CACHE, None)


# Where a dossier instance keeps, per user id, the codenames read by
# object_codenames (an instance lives for one request or one transition).
_CODENAMES = "_relais_object_codenames"
# Where Dossier.sees_internal keeps its answers, per user id (same lifetime).
SEES_INTERNAL_CACHE = "_relais_sees_internal"


def can(user, action: str, dossier) -> bool:
    """The user may `action` this dossier, through a role or on the object."""
    return holds(user, perm_name(type(dossier), action), dossier)


def holds(user, perm: str, dossier, *, codenames: frozenset[str] | None = None) -> bool:
    """`user.has_perm(perm)` or `user.has_perm(perm, dossier)` with Relais's
    backends (roles, then guardian's object permissions), the object part in
    one query on the direct tables instead of guardian's checker (two). Pass
    `codenames` (from `object_codenames`) to check several rights on one
    dossier with no further query."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    app_label, _sep, code = perm.rpartition(".")
    if app_label and app_label != dossier._meta.app_label:
        # Not this kind's permission: the backends decide (and say why).
        return user.has_perm(perm) or user.has_perm(perm, dossier)
    if app_label and user.has_perm(perm):
        return True
    if dossier.pk is None:
        return False
    if codenames is None:
        codenames = object_codenames(user, dossier)
    return code in codenames


def holds_on_object(user, perm: str, dossier) -> bool:
    """`user.has_perm(perm, dossier)`: the right on this very object (or a
    superuser), not through a role."""
    if not user or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    app_label, _sep, code = perm.rpartition(".")
    if app_label and app_label != dossier._meta.app_label:
        return user.has_perm(perm, dossier)
    return code in object_codenames(user, dossier)


def object_codenames(user, dossier) -> frozenset[str]:
    """The codenames `user` holds on this very dossier through guardian's
    direct tables, their own rows and their groups', in one query (kept on
    the instance for the rest of its life; grant and revoke forget it)."""
    if not user.is_authenticated or not user.is_active or dossier.pk is None:
        return frozenset()
    known = dossier.__dict__.setdefault(_CODENAMES, {})
    if (user.pk, dossier.pk) not in known:
        known[user.pk, dossier.pk] = _read_object_codenames(user, dossier)
    return known[user.pk, dossier.pk]


def _read_object_codenames(user, dossier) -> frozenset[str]:
    model = type(dossier)
    user_table, group_table = _direct_tables(model)
    if user_table is None:
        from guardian.shortcuts import get_perms

        return frozenset(get_perms(user, dossier))
    content_type_id = content_type_id_for(model)
    sql = (
        f"SELECT p.codename FROM {user_table} o INNER JOIN auth_permission p ON p.id = o.permission_id "
        f"WHERE o.user_id = %s AND o.content_object_id = %s AND p.content_type_id = %s"
    )
    params = [user.pk, dossier.pk, content_type_id]
    group_ids = sorted(group_ids_of(user))
    if group_ids:
        sql += (
            f" UNION SELECT p.codename FROM {group_table} o INNER JOIN auth_permission p ON p.id = o.permission_id "
            f"WHERE o.group_id IN ({', '.join(['%s'] * len(group_ids))}) AND o.content_object_id = %s "
            f"AND p.content_type_id = %s"
        )
        params += [*group_ids, dossier.pk, content_type_id]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return frozenset(row[0] for row in cursor.fetchall())


def _direct_tables(model) -> tuple[str | None, str | None]:
    """Quoted names of the model's direct user and group permission tables
    (None when the model has none and guardian's generic tables hold its rights)."""
    if model not in _tables:
        user_model, group_model = get_user_obj_perms_model(model), get_group_obj_perms_model(model)
        direct = all(_has_foreign_key(table, "content_object") for table in (user_model, group_model))
        quote = connection.ops.quote_name
        _tables[model] = (
            (quote(user_model._meta.db_table), quote(group_model._meta.db_table)) if direct else (None, None)
        )
    return _tables[model]


_tables: dict[type, tuple[str | None, str | None]] = {}


def _has_foreign_key(model, name: str) -> bool:
    try:
        return isinstance(model._meta.get_field(name), ForeignKey)
    except FieldDoesNotExist:
        return False


def permission_id(model, action: str) -> int | None:
    """The id of `<app>.<action>_<model>`, looked up once per process (the
    permission rows are made by migrations and never renumbered; the cache is
    dropped with the content types' after a migration)."""
    content_type_id = content_type_id_for(model)
    key = (content_type_id, codename(model, action))
    if key not in _permission_ids:
        _permission_ids[key] = (
            Permission.objects.filter(content_type_id=content_type_id, codename=key[1]).values_list("pk", flat=True).first()
        )
    return _permission_ids[key]


def content_type_id_for(model) -> int:
    """The content type id of a model, from Django's per-process cache."""
    return ContentType.objects.get_for_model(model).pk


_permission_ids: dict[tuple[int, str], int | None] = {}


def _forget_permission_ids(**kwargs) -> None:
    _permission_ids.clear()


post_migrate.connect(_forget_permission_ids, dispatch_uid="approvals.access.forget_permission_ids")


def group_ids_of(user) -> frozenset[int]:
    """The user's group (role) ids, fetched once per request with the role codes."""
    ids = getattr(user, "group_ids", None)
    if ids is None:
        ids = frozenset(user.groups.values_list("pk", flat=True))
    return frozenset(ids)


def granted_ids(user, model, action: str = "view"):
    """The ids of the `model` dossiers on which `user` holds `action` through
    an object permission (their own row, or one of their groups'), as one
    subquery on guardian's direct tables: the user's rows, then the rows of
    the user's groups (ids known in advance), with the permission id resolved
    once. Used as `pk IN (...)`, PostgreSQL plans it as a semi-join driven
    by the permission index, so its estimate follows the user's rights, not
    the size of the dossier table."""
    wanted = permission_id(model, action)
    user_table, group_table = _direct_tables(model)
    if user_table is not None:
        # The same SQL as the ORM's below, written once: building the
        # subquery through the ORM cost more than running it (every list
        # and every page of the applicants' space asks).
        sql = f"SELECT o.content_object_id FROM {user_table} o WHERE o.user_id = %s AND o.permission_id = %s"
        params = [user.pk, wanted]
        group_ids = sorted(group_ids_of(user))
        if group_ids:
            sql += (
                f" UNION ALL SELECT o.content_object_id FROM {group_table} o"
                f" WHERE o.group_id IN ({', '.join(['%s'] * len(group_ids))}) AND o.permission_id = %s"
            )
            params += [*group_ids, wanted]
        return RawSQL(sql, params)
    user_rows = (
        get_user_obj_perms_model(model)
        .objects.filter(user_id=user.pk, permission_id=wanted)
        .values_list("content_object_id", flat=True)
    )
    group_ids = group_ids_of(user)
    if not group_ids:
        return user_rows
    group_rows = (
        get_group_obj_perms_model(model)
        .objects.filter(group_id__in=sorted(group_ids), permission_id=wanted)
        .values_list("content_object_id", flat=True)
    )
    return user_rows.union(group_rows, all=True)


def visible(user, queryset, action: str = "view"):
    """The dossiers of `queryset` (or of a model) on which the user may
    `action`, in one query: everything of the kind through a role (model
    permission), else those granted on the object to them or their groups.

    `visible(user, Model).explain(analyze=True)` shows the plan."""
    if isinstance(queryset, type):
        queryset = queryset.objects.all()
    model = queryset.model
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.has_perm(perm_name(model, action)):
        return queryset
    if permission_id(model, action) is None:
        return queryset.none()
    return queryset.filter(pk__in=granted_ids(user, model, action))


def access(user, model, *, action: str = "view", for_update: bool = False, **lookup):
    """Fetch one dossier for `user`; missing and forbidden look the same (404)."""
    queryset = visible(user, model.objects.all(), action)
    if for_update:
        queryset = queryset.select_for_update()
    try:
        return queryset.get(**lookup)
    except model.DoesNotExist:
        raise Http404 from None
