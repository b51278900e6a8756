"""Load the default letter templates shipped in approvals/letters/defaults/.

Idempotent. Without options: version 1 of each kind × language that has
none (what migration 0004 does on a fresh database). With --update: a new
version wherever the shipped file differs from the newest version (after
improving the defaults with build.py); letters already issued keep theirs.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from approvals.letters.defaults import load_defaults
from approvals.models import LetterTemplate


class Command(BaseCommand):
    help = "Load the default letter templates (idempotent); --update adds new versions of changed ones."

    def add_arguments(self, parser):
        parser.add_argument("--update", action="store_true", help="Add a new version where the shipped file changed.")

    def handle(self, *args, update=False, **options):
        with transaction.atomic():
            added = load_defaults(LetterTemplate, update=update)
        for line in added:
            self.stdout.write(f"+ {line}")
        self.stdout.write(f"{len(added)} template version(s) added.")
