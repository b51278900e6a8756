from django.db import migrations

COMMITTEES = [
    ("copil", "Comité de pilotage (COPIL)", "committee", "COPIL", "simple_majority"),
    ("emergency", "Comité d'urgence", "committee", "CU", "simple_majority"),
    ("membership_group", "Groupe de travail Adhésion et gouvernance", "working_group", "GTAG", "simple_majority"),
    ("fundraising_group", "Groupe de travail Recherche de financement et projet", "working_group", "GTRF", "simple_majority"),
]


def create_committees(apps, schema_editor):
    Committee = apps.get_model("approvals", "Committee")
    for code, name, kind, prefix, threshold in COMMITTEES:
        Committee.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind, "decision_prefix": prefix, "default_threshold": threshold}
        )


class Migration(migrations.Migration):
    dependencies = [("approvals", "0001_initial")]
    operations = [migrations.RunPython(create_committees, migrations.RunPython.noop)]
