from django.core.management.base import BaseCommand

from casework.services import wellbeing_reminders_send


class Command(BaseCommand):
    help = "Rappelle les points de suivi (bien-être) arrivés à échéance ; chaque rappel part une seule fois."

    def handle(self, *args, **options):
        self.stdout.write(f"{wellbeing_reminders_send()} rappel(s) envoyé(s).")
