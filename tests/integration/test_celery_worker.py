"""The real path of background work: a task queued after a commit travels
through the real Redis to a real Celery worker process, which writes to the
real (test) PostgreSQL database."""

import os
import time
import uuid

import pytest
from django.conf import settings
from django.db import transaction

from tests.probe.models import ProbeRow
from tests.probe.tasks import write_probe_row

pytestmark = pytest.mark.integration

TIMEOUT = 30


def wait_for_row(label, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = ProbeRow.objects.filter(label=label).first()
        if row is not None:
            return row
        time.sleep(0.1)
    return None


def test_tasks_are_not_eager_when_redis_is_configured():
    assert settings.CELERY_BROKER_URL == os.environ["REDIS_URL"]
    assert settings.CELERY_TASK_ALWAYS_EAGER is False


def test_task_queued_on_commit_is_run_by_the_worker(transactional_db, celery_worker_process):
    label = f"probe-{uuid.uuid4().hex}"
    before = time.time()
    with transaction.atomic():
        transaction.on_commit(lambda: write_probe_row.delay(label))
        assert not ProbeRow.objects.filter(label=label).exists()

    row = wait_for_row(label)

    assert row is not None, f"no row after {TIMEOUT}s; worker log:\n{celery_worker_process.log()}"
    assert row.label == label
    assert row.pid == celery_worker_process.pid != os.getpid()
    assert before - 5 <= row.created_at.timestamp() <= time.time() + 5
    assert ProbeRow.objects.filter(label=label).count() == 1


def test_task_of_a_rolled_back_transaction_is_never_sent(transactional_db, celery_worker_process):
    rolled_back = f"rolled-back-{uuid.uuid4().hex}"
    committed = f"committed-{uuid.uuid4().hex}"

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        write_probe_row.delay_on_commit(rolled_back)
        raise Abort
    with transaction.atomic():
        write_probe_row.delay_on_commit(committed)

    # One solo worker runs its queue in order: once the committed task has
    # run, the rolled-back one would have run before it had it been sent.
    row = wait_for_row(committed)
    assert row is not None, f"no row after {TIMEOUT}s; worker log:\n{celery_worker_process.log()}"
    assert not ProbeRow.objects.filter(label=rolled_back).exists()
