"""Roles and role rights read in one query instead of three.

Django's ModelBackend reads a person's own permissions and their groups'
in two queries, the first time a request asks for a model-level right, and
every signed-in page reads the person's roles (groups) before that.
`read_roles_and_rights` reads all three at once (`User.role_codes` calls it
once per user object, i.e. once per request) and fills the same per-user
caches ModelBackend keeps (`_user_perm_cache`, `_group_perm_cache`,
`_perm_cache`), so `RoleRightsBackend`, before ModelBackend in
AUTHENTICATION_BACKENDS, and ModelBackend answer from them. It signs
nobody in: ModelBackend still authenticates (and sessions keep naming it).
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db.models import CharField, F, IntegerField, Value


class RoleRightsBackend:
    """Signs nobody in; sessions keep naming the backend that did. Should a
    session name this one all the same, it finds the person as ModelBackend
    does (Django asks the named backend for the user on every request)."""

    def authenticate(self, request, **credentials):
        return None

    def get_user(self, user_id):
        return ModelBackend().get_user(user_id)

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache") and not user_obj.is_superuser and hasattr(type(user_obj), "_group_rows"):
            user_obj._group_rows  # noqa: B018  (roles and rights, one query, once per user object)
        if not hasattr(user_obj, "_perm_cache"):
            _fill(user_obj)
        return user_obj._perm_cache

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)


def _fill(user) -> None:
    if user.is_superuser:
        rows = [("user", app_label, codename) for app_label, codename in Permission.objects.values_list("content_type__app_label", "codename")]
        rows += [("group", app_label, codename) for _source, app_label, codename in rows]
    else:
        own = Permission.objects.filter(user=user).annotate(source=Value("user")).values_list(
            "source", "content_type__app_label", "codename"
        )
        group_ids = getattr(user, "group_ids", None)
        by_group = Permission.objects.filter(
            **({"group__in": sorted(group_ids)} if group_ids is not None else {"group__user": user})
        ).annotate(source=Value("group")).values_list("source", "content_type__app_label", "codename")
        rows = own.order_by().union(by_group.order_by(), all=True)
    mine, groups = set(), set()
    for source, app_label, codename in rows:
        (mine if source == "user" else groups).add(f"{app_label}.{codename}")
    user._user_perm_cache = mine
    user._group_perm_cache = groups
    user._perm_cache = mine | groups


def read_roles_and_rights(user) -> tuple[tuple[int, str], ...]:
    """The user's groups as (id, name) rows, in one query that also brings
    their rights (each group's and the user's own), which it stores in the
    per-user caches ModelBackend reads (a superuser's, all rights, are read
    on demand, as before)."""
    by_group = (
        Group.objects.filter(user=user)
        .annotate(gid=F("pk"), gname=F("name"), app=F("permissions__content_type__app_label"), code=F("permissions__codename"))
        .values_list("gid", "gname", "app", "code")
        .order_by()
    )
    own = (
        Permission.objects.filter(user=user)
        .annotate(
            gid=Value(None, output_field=IntegerField()),
            gname=Value(None, output_field=CharField()),
            app=F("content_type__app_label"),
            code=F("codename"),
        )
        .values_list("gid", "gname", "app", "code")
        .order_by()
    )
    groups, mine, theirs = {}, set(), set()
    for group_id, name, app_label, codename in by_group.union(own, all=True):
        if group_id is None:
            mine.add(f"{app_label}.{codename}")
            continue
        groups[group_id] = name
        if codename is not None:
            theirs.add(f"{app_label}.{codename}")
    if user.is_active and not user.is_superuser and not hasattr(user, "_perm_cache"):
        user._user_perm_cache = mine
        user._group_perm_cache = theirs
        user._perm_cache = mine | theirs
    return tuple(sorted(groups.items()))
