"""Thin tasks: load by id, call a service, safe to run twice."""

from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def relay_outbox() -> int:
    return services.relay()


@shared_task(ignore_result=True)
def run_timers() -> dict:
    return services.run_timers()


@shared_task(ignore_result=True)
def close_due_ballots() -> int:
    closed = 0
    for ballot_id in services.due_ballot_ids():
        services.ballot_close_if_due(ballot_id=ballot_id)
        closed += 1
    return closed
