from django.core.management.base import BaseCommand

from approvals.services import close_due_ballots, run_timers


class Command(BaseCommand):
    help = "Run deadlines now: close due ballots, send reminders and alerts, fire expiries."

    def handle(self, *args, **options):
        closed = close_due_ballots()
        counts = run_timers()
        self.stdout.write(f"ballots closed {closed}, " + ", ".join(f"{k} {v}" for k, v in counts.items()))
