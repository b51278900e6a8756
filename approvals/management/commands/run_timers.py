from django.core.management.base import BaseCommand

from approvals.services import ballot_close_if_due, due_ballot_ids, run_timers


class Command(BaseCommand):
    help = "Run deadlines now: close due ballots, send reminders and alerts, fire expiries."

    def handle(self, *args, **options):
        closed = 0
        for ballot_id in due_ballot_ids():
            ballot_close_if_due(ballot_id=ballot_id)
            closed += 1
        counts = run_timers()
        self.stdout.write(f"ballots closed {closed}, " + ", ".join(f"{k} {v}" for k, v in counts.items()))
