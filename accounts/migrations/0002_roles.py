from django.db import migrations

ROLE_CODES = [
    "copil_member",
    "copil_chair",
    "membership_group",
    "fundraising_group",
    "emergency_member",
    "emergency_chair",
    "case_officer",
    "country_focal_point",
    "member_focal_point",
    "applicant",
    "auditor",
    "administrator",
]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for code in ROLE_CODES:
        Group.objects.get_or_create(name=code)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
