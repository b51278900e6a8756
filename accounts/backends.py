"""Role rights read in one query instead of two.

Django's ModelBackend reads a person's own permissions and their groups'
in two queries, the first time a request asks for a model-level right.
`RoleRightsBackend` stands before it in AUTHENTICATION_BACKENDS and fills
the same per-user caches (`_user_perm_cache`, `_group_perm_cache`,
`_perm_cache`) in one query, so ModelBackend answers from them. It signs
nobody in: ModelBackend still authenticates (and sessions keep naming it).
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Value


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
