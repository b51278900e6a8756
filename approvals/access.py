"""Who may see and do what on a dossier.

Rights on one dossier are guardian object permissions kept in each dossier
model's direct foreign-key tables; rights on every dossier of a kind come
from the user's roles (model permissions of their groups). Lists filter in
SQL with the permission join, so a page costs the same few queries however
many dossiers there are.
"""

from django.db.models import Exists, OuterRef, Q
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


def revoke(who, dossier, *actions: str) -> None:
    for action in actions:
        remove_perm(perm_name(type(dossier), action), who, dossier)


def can(user, action: str, dossier) -> bool:
    """The user may `action` this dossier, through a role or on the object."""
    if not user.is_authenticated or not user.is_active:
        return False
    name = perm_name(type(dossier), action)
    return user.has_perm(name) or user.has_perm(name, dossier)


def visible(user, queryset, action: str = "view"):
    """The dossiers of `queryset` on which the user may `action`, in one query."""
    model = queryset.model
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.has_perm(perm_name(model, action)):
        return queryset
    user_perms = get_user_obj_perms_model(model)
    group_perms = get_group_obj_perms_model(model)
    wanted = codename(model, action)
    by_user = Exists(
        user_perms.objects.filter(
            user_id=user.pk,
            permission__codename=wanted,
            permission__content_type__app_label=model._meta.app_label,
            content_object=OuterRef("pk"),
        )
    )
    by_group = Exists(
        group_perms.objects.filter(
            group__user=user.pk,
            permission__codename=wanted,
            permission__content_type__app_label=model._meta.app_label,
            content_object=OuterRef("pk"),
        )
    )
    return queryset.filter(Q(by_user) | Q(by_group))


def access(user, model, *, action: str = "view", for_update: bool = False, **lookup):
    """Fetch one dossier for `user`; missing and forbidden look the same (404)."""
    queryset = visible(user, model.objects.all(), action)
    if for_update:
        queryset = queryset.select_for_update()
    try:
        return queryset.get(**lookup)
    except model.DoesNotExist:
        raise Http404 from None
