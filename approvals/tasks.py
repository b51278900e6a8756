"""Thin tasks: load by id, call a service, safe to run twice."""

import logging

from celery import shared_task

from . import services

log = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def relay_outbox() -> int:
    return services.relay()


@shared_task(ignore_result=True)
def run_timers() -> dict:
    from . import ratelimit

    ratelimit.purge_expired()
    return services.run_timers()


@shared_task(ignore_result=True)
def close_due_ballots() -> int:
    return services.close_due_ballots()
