"""Report (and with --delete, remove) files in private storage that no row
refers to: uploads whose transaction rolled back. Only files older than a
day are touched, so an upload in flight is never taken for an orphan."""

import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import models

from approvals.storage import PrivateStorage


def referenced_names() -> set[str]:
    names = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and isinstance(field.storage, PrivateStorage):
                names.update(
                    model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True).iterator()
                )
    return names


class Command(BaseCommand):
    help = "List private files no record refers to (older than a day); --delete removes them."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="remove them (default: only report)")

    def handle(self, *args, delete=False, **options):
        root = Path(settings.PRIVATE_STORAGE_ROOT)
        if not root.exists():
            self.stdout.write("no private storage yet")
            return
        known = referenced_names()
        cutoff = time.time() - 24 * 3600
        orphans = [
            path
            for path in root.rglob("*")
            if path.is_file() and path.stat().st_mtime < cutoff and str(path.relative_to(root)) not in known
        ]
        for path in orphans:
            if delete:
                path.unlink()
        verb = "removed" if delete else "found (use --delete to remove)"
        self.stdout.write(f"{len(orphans)} orphan file(s) {verb}; {len(known)} referenced")
