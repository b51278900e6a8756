"""The transactional outbox: record after-commit work, deliver it later.

`enqueue()` writes a message in the caller's transaction and asks, once the
transaction commits, for the relay to run. If the broker is down the ask is
lost but the message is not: Celery beat runs the relay every minute, and
`manage.py drain_outbox` runs it without Celery.
"""

import atexit
import logging
import os
import threading
import time

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ..models import OutboxMessage
from ..registry import handler_for

log = logging.getLogger(__name__)


def enqueue(topic: str, payload: dict, *, key: str | None = None) -> OutboxMessage | None:
    """Record a message; with `key`, a message already recorded under that
    key makes this a no-op (returns None)."""
    if not connection.in_atomic_block:
        raise RuntimeError("enqueue() must run inside the transaction whose commit it follows.")
    if key is not None:
        try:
            with transaction.atomic():
                message = OutboxMessage.objects.create(topic=topic, payload=payload, dedupe_key=key)
        except IntegrityError:
            return None
    else:
        message = OutboxMessage.objects.create(topic=topic, payload=payload)
    kick_after_commit()
    return message


def enqueue_many(topic: str, payloads: list[dict]) -> list[OutboxMessage]:
    """Record several messages of one topic (no dedupe key) in one insert."""
    messages = unsaved_messages(topic, payloads)
    if not messages:
        return []
    if not connection.in_atomic_block:
        raise RuntimeError("enqueue_many() must run inside the transaction whose commit it follows.")
    messages = OutboxMessage.objects.bulk_create(messages)
    kick_after_commit()
    return messages


def unsaved_messages(topic: str, payloads: list[dict]) -> list[OutboxMessage]:
    """The messages `enqueue_many` records, not yet written: for a caller that
    writes them with its other rows (approvals.services.writes), then calls
    `kick_after_commit()` in the same transaction."""
    now = timezone.now()
    return [OutboxMessage(topic=topic, payload=payload, available_at=now, created_at=now) for payload in payloads]


def kick_after_commit():
    # One kick per transaction, however many messages it records. A kick
    # registered in a savepoint that rolls back is dropped by Django, and
    # the next enqueue registers it again.
    if any(entry[1] is _kick_soon for entry in connection.run_on_commit):
        return
    transaction.on_commit(_kick_soon)


def _kick_soon():
    """After a commit, ask for the relay. With a broker, a thread of this
    process sends the ask, so the request or task that committed does not
    wait for the broker's round trips (they cost as much as the rest of a
    transition); asks made while one is being sent are covered by the next
    one, sent after them. With tasks run in-process (no broker), the relay
    runs now, as before. Should the ask be lost (broker down, process gone),
    the message is not: beat's relay or drain_outbox delivers it."""
    from ..tasks import relay_outbox

    if relay_outbox.app.conf.task_always_eager:
        kick_relay()
    else:
        _kicker.ask()


class _Kicker:
    """One thread per process that sends the relay's asks (started on first
    use, again after a fork); whatever is still unsent at exit is sent then.

    At most one ask per `interval` seconds: a relay, once started, delivers
    every message pending, so the asks of commits made while the last one
    was being sent or just after share the next one. A busy process (a
    meeting's decisions, a bulk regeneration, many requests) then spends
    on the broker ten publishes a second, not one per commit, and a
    message waits at most `interval` longer for its relay."""

    interval = 0.1

    def __init__(self):
        self.lock = threading.Lock()
        self.wanted = threading.Event()
        self.pid = None
        self.thread = None
        self.asked = 0
        self.sent = 0
        self.last = float("-inf")

    def ask(self) -> None:
        with self.lock:
            if self.pid != os.getpid() or self.thread is None or not self.thread.is_alive():
                self.wanted = threading.Event()
                self.asked = self.sent = 0
                self.pid = os.getpid()
                self.thread = threading.Thread(target=self._run, name="relais-outbox-kick", daemon=True)
                self.thread.start()
            self.asked += 1
        self.wanted.set()

    def _run(self) -> None:
        wanted = self.wanted
        while True:
            wanted.wait()
            time.sleep(max(0.0, self.last + self.interval - time.monotonic()))
            wanted.clear()
            target = self.asked
            kick_relay()
            self.last = time.monotonic()
            self.sent = target

    def flush(self) -> None:
        if self.pid == os.getpid() and self.sent < self.asked:
            kick_relay()


_kicker = _Kicker()
atexit.register(_kicker.flush)


def kick_relay():
    from ..tasks import relay_outbox

    try:
        relay_outbox.apply_async(retry=False)
    except Exception:  # the broker is down: beat or drain_outbox will deliver
        log.warning("Outbox relay could not be queued; it will run on the next schedule.")


def relay(*, limit: int | None = None) -> int:
    """Deliver pending messages, one transaction per message, oldest first.

    Several relays may run at once: each locks its message and skips those
    another relay holds. A failing handler is retried with back-off, then
    marked failed for administrators to see. Returns how many were delivered.
    """
    delivered = 0
    handled = 0
    while limit is None or handled < limit:
        with transaction.atomic():
            message = (
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(status=OutboxMessage.Status.PENDING, available_at__lte=timezone.now())
                .order_by("available_at", "id")
                .first()
            )
            if message is None:
                break
            handled += 1
            if _deliver(message):
                delivered += 1
    return delivered


def _deliver(message: OutboxMessage) -> bool:
    handler = handler_for(message.topic)
    try:
        if handler is None:
            raise LookupError(f"no handler for topic {message.topic!r}")
        with transaction.atomic():
            handler(message.payload, message)
    except Exception as exc:
        message.attempts += 1
        # The error's type and a short text only: payloads and messages may
        # name people, and logs must not.
        message.last_error = f"{type(exc).__name__}: {str(exc)[:300]}"
        if message.attempts >= OutboxMessage.max_attempts():
            message.status = OutboxMessage.Status.FAILED
        else:
            message.available_at = timezone.now() + OutboxMessage.backoff(message.attempts)
        message.save(update_fields=["attempts", "last_error", "status", "available_at"])
        log.warning("Outbox message %s (%s) failed, attempt %s.", message.pk, message.topic, message.attempts)
        return False
    message.status = OutboxMessage.Status.DELIVERED
    message.delivered_at = timezone.now()
    message.attempts += 1
    message.save(update_fields=["status", "delivered_at", "attempts"])
    return True


def retry_failed(message_ids) -> int:
    """Administrators put failed messages back in the queue."""
    return OutboxMessage.objects.filter(pk__in=message_ids, status=OutboxMessage.Status.FAILED).update(
        status=OutboxMessage.Status.PENDING, attempts=0, available_at=timezone.now()
    )
