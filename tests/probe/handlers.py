"""A test-only outbox topic: `probe.write` writes one ProbeRow labelled as
the payload says, in the relay's transaction, in the process that relays it.
With `hold_file`, the first delivery writes its pid there and waits
`hold_seconds` inside the transaction (caught in the middle, for kill tests)."""

import os
import time
from pathlib import Path

from approvals.registry import outbox_handler

from .models import ProbeRow


@outbox_handler("probe.write")
def probe_write(payload, message):
    ProbeRow.objects.create(label=payload["label"], pid=os.getpid())
    if payload.get("pause"):  # a delivery that takes a moment, so that relays overlap
        time.sleep(float(payload["pause"]))
    hold = payload.get("hold_file")
    if hold and not Path(hold).exists():  # delivered again, it does not wait
        Path(hold).write_text(str(os.getpid()))
        time.sleep(float(payload.get("hold_seconds", 30)))
