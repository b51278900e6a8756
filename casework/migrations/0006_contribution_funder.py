"""Contributions are linked to a funder of the donor map (grants.Funder).

Each free-text donor recorded so far is matched to a funder by name or
acronym (casework.donors.match_funder: case, accents and spacing ignored);
when none matches, the funder is created in the donor map (relationship
"has funded the network"). The text stays in `donor`, now a note.

Reversible: going back empties the link and keeps (or restores) the donor's
words in `donor`. Funders created on the way forward stay in the donor map:
they may have been completed or linked to other records since, and a
funder is not ours to delete.

Also: the right to see the funds' statements for donors, given to the
emergency committee, the COPIL, auditors and the secretariat.
"""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

from casework.donors import funder_for_name

STATEMENT_ROLES = ["emergency_chair", "emergency_member", "copil_chair", "copil_member", "auditor", "administrator"]


def _fire_deferred_checks(schema_editor):
    # PostgreSQL refuses to ALTER a table with deferred foreign-key checks pending.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def link_donors(apps, schema_editor):
    Contribution = apps.get_model("casework", "Contribution")
    Funder = apps.get_model("grants", "Funder")
    for contribution in Contribution.objects.filter(funder__isnull=True).order_by("pk"):
        funder, _created = funder_for_name(Funder, contribution.donor or "?", relationship="past")
        Contribution.objects.filter(pk=contribution.pk).update(funder=funder)
    _fire_deferred_checks(schema_editor)


def unlink_donors(apps, schema_editor):
    Contribution = apps.get_model("casework", "Contribution")
    for contribution in Contribution.objects.select_related("funder").order_by("pk"):
        Contribution.objects.filter(pk=contribution.pk).update(donor=contribution.donor or contribution.funder.name[:200], funder=None)
    _fire_deferred_checks(schema_editor)


def grant_statements(apps, schema_editor):
    app_config = apps.get_app_config("casework")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="casework", codename="view_fund_statement")
    for role in STATEMENT_ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(permission)


def remove_statements(apps, schema_editor):
    # The permission row stays (as Django leaves every permission it made): only the roles lose it.
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(content_type__app_label="casework", codename="view_fund_statement").first()
    if permission is not None:
        for group in Group.objects.filter(name__in=STATEMENT_ROLES):
            group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0005_case_language"),
        ("grants", "0003_private_storage"),
        ("accounts", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="fund",
            options={
                "ordering": ["name"],
                "permissions": [("view_fund_statement", "Voir et télécharger les relevés des fonds pour les bailleurs")],
                "verbose_name": "fonds",
                "verbose_name_plural": "fonds",
            },
        ),
        migrations.AddField(
            model_name="contribution",
            name="funder",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="emergency_contributions",
                to="grants.funder",
                verbose_name="bailleur",
            ),
        ),
        migrations.AlterField(
            model_name="contribution",
            name="donor",
            field=models.CharField(blank=True, max_length=200, verbose_name="note sur le donateur"),
        ),
        migrations.RunPython(link_donors, unlink_donors),
        migrations.AlterField(
            model_name="contribution",
            name="funder",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="emergency_contributions",
                to="grants.funder",
                verbose_name="bailleur",
            ),
        ),
        migrations.RunPython(grant_statements, remove_statements),
    ]
