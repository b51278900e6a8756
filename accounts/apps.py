from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

# What the secretariat (administrator role) may do in the admin site, besides
# what other apps grant it: manage people and their roles.
ADMINISTRATOR_PERMISSIONS = [
    ("accounts", "view_user"),
    ("accounts", "add_user"),
    ("accounts", "change_user"),
    ("auth", "view_group"),
]


def grant_administrator_permissions(sender, using="default", **kwargs):
    """Permissions exist only after migrate, so they are granted here, not in a migration."""
    from django.contrib.auth.models import Group, Permission

    from .roles import Role

    group = Group.objects.using(using).filter(name=Role.ADMINISTRATOR).first()
    if group is None:
        return
    for app_label, codename in ADMINISTRATOR_PERMISSIONS:
        permission = Permission.objects.using(using).filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            group.permissions.add(permission)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Comptes et rôles")

    def ready(self):
        from . import checks  # noqa: F401  (registers system checks)

        post_migrate.connect(grant_administrator_permissions, sender=self)
