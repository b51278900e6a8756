"""Make sure the compiled catalogs (.mo, not committed) match the .po files.

bin/test runs compilemessages; this covers a plain `pytest tests/accounts`.
"""

import fcntl
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command


def _stale(locale_dir: Path) -> bool:
    for po in locale_dir.glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            return True
    return False


def ensure_compiled_messages() -> None:
    for locale_dir in map(Path, settings.LOCALE_PATHS):
        if not _stale(locale_dir):
            continue
        # Parallel test workers must not write the same .mo at once.
        with open(Path(tempfile.gettempdir()) / "relais-compilemessages.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if _stale(locale_dir):
                call_command("compilemessages", locale=[], ignore_patterns=[".venv"], verbosity=0)
