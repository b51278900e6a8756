"""Role-level rights on members' models, given to the role groups.

Rights on one application (its applicant) or one organisation (its focal
points) are object permissions granted by the services.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "membership_group": [
        "view_membershipapplication",
        "change_membershipapplication",
        "screen_membershipapplication",
        "view_organisation",
        "manage_directory",
    ],
    "copil_member": ["view_membershipapplication", "view_organisation"],
    "copil_chair": ["view_membershipapplication", "view_organisation", "manage_directory"],
    "administrator": ["view_membershipapplication", "view_organisation"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="members", codename__in=codenames))


def ungrant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=role).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="members", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_membership_applications"),
        ("accounts", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, ungrant)]
