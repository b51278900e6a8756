"""Spanish and Portuguese letters: the language choices, and version 1 of
the shipped es/pt templates on a database made before them (on a fresh one
0004 has loaded them already: load_defaults adds only what is missing)."""

from django.db import migrations, models


def load(apps, schema_editor):
    from approvals.letters.defaults import load_defaults

    load_defaults(apps.get_model("approvals", "LetterTemplate"))


class Migration(migrations.Migration):

    dependencies = [
        ('approvals', '0009_immutable_history'),
    ]

    operations = [
        migrations.AlterField(
            model_name='letter',
            name='language',
            field=models.CharField(choices=[('fr', 'Français'), ('en', 'English'), ('es', 'Español'), ('pt', 'Português')], max_length=8, verbose_name='langue'),
        ),
        migrations.AlterField(
            model_name='lettertemplate',
            name='language',
            field=models.CharField(choices=[('fr', 'Français'), ('en', 'English'), ('es', 'Español'), ('pt', 'Português')], max_length=8, verbose_name='langue'),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
