import os

from celery import shared_task


@shared_task(name="tests.probe.tasks.write_probe_row")
def write_probe_row(label):
    from .models import ProbeRow

    row = ProbeRow.objects.create(label=label, pid=os.getpid())
    return row.pk


@shared_task(name="tests.probe.tasks.write_probe_row_slowly")
def write_probe_row_slowly(label, hold_file, hold_seconds):
    """Write a row in a transaction that stays open `hold_seconds` while
    `hold_file` says which process holds it (a task caught in the middle);
    run again once the file exists, it does not wait."""
    import time
    from pathlib import Path

    from django.db import transaction

    from .models import ProbeRow

    first = not Path(hold_file).exists()  # a redelivered task does not wait again
    with transaction.atomic():
        row = ProbeRow.objects.create(label=label, pid=os.getpid())
        Path(hold_file).write_text(f"{os.getpid()}\n", encoding="ascii")
        if first:
            time.sleep(hold_seconds)
    return row.pk
