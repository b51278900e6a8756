"""Thin tasks: call a service, safe to run twice."""

from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def send_weekly_digest() -> int:
    # Idempotent per ISO week: the notifications are keyed by the week.
    return services.digest_send()
