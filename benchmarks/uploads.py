"""Time and memory to refuse each hostile upload, per upload path.

Each check runs in a forked child that reports its elapsed time and how much
its peak resident memory (ru_maxrss) grew; the parent holds Django, the
policies of every path and the hostile files, as a server process would.

    .venv/bin/python benchmarks/uploads.py
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

try:
    django.setup()
except Exception:  # no database settings here: the checks need none
    settings.configure(USE_I18N=True, LANGUAGE_CODE="fr", INSTALLED_APPS=["django.contrib.contenttypes"])
    django.setup()

from approvals.uploads import UPLOAD_POLICIES  # noqa: E402
from tests.uploads import samples  # noqa: E402
from tests.uploads.test_every_path import measure  # noqa: E402


def main():
    import approvals.letters.services.issuing  # noqa: F401  (declares the letter template policy)
    import casework.services.documents  # noqa: F401
    import grants.services.proposals  # noqa: F401
    import grants.services.sheets  # noqa: F401
    import members.uploads  # noqa: F401

    hostile = samples.hostile_files()
    print("| path | file | size | outcome | time | peak memory growth |")
    print("|---|---|---|---|---|---|")
    for policy in sorted(UPLOAD_POLICIES):
        for label, (name, content) in hostile.items():
            outcome, elapsed, grown_kib = measure(policy, name, content)
            print(f"| {policy} | {label} | {len(content) / 1024:.0f} KiB | {outcome} | {elapsed * 1000:.1f} ms | "
                  f"{grown_kib / 1024:.1f} MiB |")


if __name__ == "__main__":
    main()
