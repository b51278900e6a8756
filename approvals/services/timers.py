"""Deadlines: reminders before, an alert halfway, a flag and an alert after,
and the transition a kind fires when a deadline passes (e.g. expiry).

Each alert is recorded in the outbox under a key made of the dossier, the
state entry and the alert, so running the timers twice alerts once.
"""

import logging

from django.db import transaction
from django.utils import timezone

from ..registry import dossier_models
from .notifications import notify
from .transitions import TransitionRefused, perform

log = logging.getLogger(__name__)


def run_timers(now=None) -> dict:
    now = now or timezone.now()
    counts = {"reminders": 0, "halfway": 0, "overdue": 0, "expired": 0}
    for model in dossier_models():
        # Only dossiers in a state with a deadline have deadline_at set.
        for dossier in model.objects.filter(deadline_at__isnull=False).iterator(chunk_size=500):
            try:
                with transaction.atomic():
                    _run_one(model, dossier, now, counts)
            except Exception:  # one dossier's trouble must not stop the others' alerts
                log.exception("Timers failed for %s; the others go on.", dossier.reference)
    return counts


def _run_one(model, dossier, now, counts):
    deadline = dossier.deadline_at
    entered = dossier.state_entered_at
    # Keyed on the state entry and the deadline: a postponed deadline is a
    # new one, whose reminders go out again.
    stamp = f"{dossier.reference}:{dossier.state}:{int(entered.timestamp())}:{int(deadline.timestamp())}"
    recipients = set(dossier.timer_recipients())
    params = {
        "reference": dossier.reference,
        "kind": model.kind_key(),
        "state": dossier.state,
        "deadline": deadline.isoformat(),
        "public": False,  # handlers are reminded: the state as their page names it
    }
    url = dossier.get_absolute_url()
    if deadline <= now:
        transition = model.deadline_transitions.get(dossier.state)
        if transition:
            try:
                perform(dossier, transition, by=None, system=True, comment="")
                counts["expired"] += 1
                return
            except TransitionRefused:
                pass
        counts["overdue"] += notify(
            recipients, "timer.overdue", params, url=url, sensitive=model.sensitive, key=f"{stamp}:overdue"
        )
        return
    if entered + (deadline - entered) / 2 <= now:
        counts["halfway"] += notify(
            recipients, "timer.halfway", params, url=url, sensitive=model.sensitive, key=f"{stamp}:halfway"
        )
    for offset in model.reminder_offsets:
        if deadline - offset <= now:
            hours = int(offset.total_seconds() // 3600)
            counts["reminders"] += notify(
                recipients, "timer.reminder", params, url=url, sensitive=model.sensitive, key=f"{stamp}:remind:{hours}h"
            )
