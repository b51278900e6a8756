"""The election procès-verbal (election_minutes): the kind's choice, and
version 1 of its shipped templates (fr, en, es, pt; load_defaults adds only
what is missing)."""

from django.db import migrations, models


def load(apps, schema_editor):
    from approvals.letters.defaults import load_defaults

    load_defaults(apps.get_model("approvals", "LetterTemplate"))


class Migration(migrations.Migration):

    dependencies = [
        ('approvals', '0013_document_adopted_letter'),
    ]

    operations = [
        migrations.AlterField(
            model_name='letter',
            name='kind',
            field=models.CharField(choices=[('membership_approved', 'Adhésion approuvée'), ('membership_rejected', 'Adhésion refusée'), ('information_requested', "Demande d'informations complémentaires"), ('opportunity_go', 'Opportunité retenue (go)'), ('opportunity_no_go', 'Opportunité écartée (no go)'), ('proposal_validated', 'Projet commun validé'), ('proposal_changes_requested', 'Projet commun : modifications demandées'), ('emergency_granted', "Soutien d'urgence accordé"), ('emergency_declined', "Soutien d'urgence refusé"), ('meeting_minutes', 'Procès-verbal de réunion'), ('election_minutes', "Procès-verbal d'élection")], max_length=40, verbose_name='type de lettre'),
        ),
        migrations.AlterField(
            model_name='lettertemplate',
            name='kind',
            field=models.CharField(choices=[('membership_approved', 'Adhésion approuvée'), ('membership_rejected', 'Adhésion refusée'), ('information_requested', "Demande d'informations complémentaires"), ('opportunity_go', 'Opportunité retenue (go)'), ('opportunity_no_go', 'Opportunité écartée (no go)'), ('proposal_validated', 'Projet commun validé'), ('proposal_changes_requested', 'Projet commun : modifications demandées'), ('emergency_granted', "Soutien d'urgence accordé"), ('emergency_declined', "Soutien d'urgence refusé"), ('meeting_minutes', 'Procès-verbal de réunion'), ('election_minutes', "Procès-verbal d'élection")], max_length=40, verbose_name='type de lettre'),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
