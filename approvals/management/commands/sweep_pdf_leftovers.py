"""Report (and with --delete, remove) what PDF conversions left behind:
work directories and kept profiles (`relais-pdf-*` under
RELAIS_PDF_WORK_ROOT, the system's temporary directory by default) that no
live process holds, and any LibreOffice still working in them. A directory
in use is locked by its worker and supervisor, so a running conversion is
never touched. Workers run this sweep themselves when they start."""

from django.core.management.base import BaseCommand

from approvals.letters.pdf import sweep_leftovers, work_root


class Command(BaseCommand):
    help = "List PDF work directories and LibreOffice processes left by dead conversions; --delete removes and kills them."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="remove them and kill the processes (default: only report)")

    def handle(self, *args, delete=False, **options):
        found = sweep_leftovers(delete=delete)
        verb = "removed" if delete else "found (use --delete to remove)"
        self.stdout.write(
            f"{found['directories']} leftover director(y/ies) and {found['processes']} LibreOffice process(es) {verb} in {work_root()}"
        )
