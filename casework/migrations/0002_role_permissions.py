"""Role-level rights on the emergency fund. Rights on one case (the assigned
officer's, the referrer's status view) are object permissions, granted by
the services."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

INCIDENTS = ["view_incident", "add_incident", "change_incident", "verify_incident"]
STATISTICS = ["view_case_statistics"]

ROLE_PERMISSIONS = {
    "emergency_chair": [
        "view_case",
        "change_case",
        "decide_case",
        "view_disbursement",
        "confirm_disbursement",
        "view_fund",
        "add_fund",
        "view_contribution",
        "add_contribution",
        "read_access_log",
        *STATISTICS,
        *INCIDENTS,
    ],
    "emergency_member": [
        "view_case",
        "view_disbursement",
        "confirm_disbursement",
        "view_fund",
        "view_contribution",
        *STATISTICS,
        *INCIDENTS,
    ],
    "case_officer": ["view_fund", *INCIDENTS],
    "country_focal_point": INCIDENTS,
    "member_focal_point": ["add_case"],
    "copil_member": STATISTICS,
    "copil_chair": STATISTICS,
    "auditor": STATISTICS,
}


def grant_role_permissions(apps, schema_editor):
    # Permissions are normally created after migrate; create casework's now.
    app_config = apps.get_app_config("casework")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="casework", codename__in=codenames))


def remove_role_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=role).first()
        if group is not None:
            group.permissions.remove(*Permission.objects.filter(content_type__app_label="casework", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0001_initial"),
        ("accounts", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant_role_permissions, remove_role_permissions)]
