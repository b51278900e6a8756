"""redis_control really kills and revives the test Redis, and the Celery
worker goes back to work once Redis is back."""

import time
import uuid

import pytest
from django.db import transaction

from tests.probe.models import ProbeRow
from tests.probe.tasks import write_probe_row

pytestmark = pytest.mark.integration


def test_stop_and_start(redis_control):
    assert redis_control.running
    redis_control.stop()
    assert not redis_control.running
    redis_control.start()
    assert redis_control.running


def test_worker_resumes_after_redis_comes_back(transactional_db, celery_worker_process, redis_control):
    redis_control.stop()
    time.sleep(1)  # the worker notices its broker is gone
    redis_control.start()

    label = f"after-restart-{uuid.uuid4().hex}"
    with transaction.atomic():
        write_probe_row.delay_on_commit(label)

    deadline = time.monotonic() + 60
    while not ProbeRow.objects.filter(label=label).exists():
        assert time.monotonic() < deadline, f"worker did not resume; log:\n{celery_worker_process.log()}"
        time.sleep(0.2)
    assert celery_worker_process.alive()
