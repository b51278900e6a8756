"""The default letter templates (version 1 of each kind × language, read
from approvals/letters/defaults/) and the administrators' rights on letters."""

from django.db import migrations

ADMINISTRATOR_PERMISSIONS = [
    "view_letter",
    "change_letter",
    "view_lettertemplate",
    "add_lettertemplate",
    "add_letterbatch",
]


def load(apps, schema_editor):
    from approvals.letters.defaults import load_defaults

    load_defaults(apps.get_model("approvals", "LetterTemplate"))


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; these are needed now.
    config = apps.get_app_config("approvals")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="administrator").first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="approvals", codename__in=ADMINISTRATOR_PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [("approvals", "0003_letters"), ("accounts", "0002_roles")]
    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
