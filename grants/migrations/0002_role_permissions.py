"""Role-level rights on grants' models, given to the role groups.

Rights on one proposal (its lead's and partners' focal points) are object
permissions granted by the services.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW_ALL = ["view_funder", "view_fundercontact", "view_funderevent", "view_exchangerate", "view_opportunity", "view_jointproposal"]

ROLE_PERMISSIONS = {
    "fundraising_group": [
        *VIEW_ALL,
        "add_funder",
        "change_funder",
        "add_fundercontact",
        "change_fundercontact",
        "delete_fundercontact",
        "add_funderevent",
        "add_exchangerate",
        "add_opportunity",
        "change_opportunity",
        "import_opportunity",
        "add_jointproposal",
        "change_jointproposal",
        "review_jointproposal",
        "manage_jointproposal",
    ],
    "copil_member": ["view_funder", "view_opportunity", "view_jointproposal"],
    "copil_chair": ["view_funder", "view_opportunity", "view_jointproposal"],
    "administrator": [*VIEW_ALL, "add_exchangerate"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config("grants")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="grants", codename__in=codenames))


def ungrant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=role).first()
        if group is not None:
            group.permissions.remove(*Permission.objects.filter(content_type__app_label="grants", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0001_initial"),
        ("accounts", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, ungrant)]
