from django.core.management.base import BaseCommand

from casework.services import erase_closed_case_identities
from casework.services.retention import retention_months


class Command(BaseCommand):
    help = (
        "Efface l'identité, les contacts, le lieu et les récits des cas terminés depuis plus de "
        "RELAIS_CASE_RETENTION_MONTHS mois ; les chiffres anonymes restent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Dire ce qui serait effacé, sans rien effacer.")

    def handle(self, *args, dry_run=False, **options):
        references = erase_closed_case_identities(dry_run=dry_run)
        verb = "seraient effacés" if dry_run else "effacés"
        self.stdout.write(f"Durée de conservation : {retention_months()} mois.")
        for reference in references:
            self.stdout.write(f"  {reference}")
        self.stdout.write(self.style.SUCCESS(f"{len(references)} cas dont l'identité {'serait effacée' if dry_run else 'a été effacée'} ({verb})."))
