"""Thin tasks: call a service, safe to run twice."""

from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def send_weekly_digest() -> int:
    # Idempotent per ISO week: the notifications are keyed by the week.
    return services.digest_send()


@shared_task(ignore_result=True)
def send_report_reminders() -> int:
    # Idempotent per report and step (30, 14, 7 days, overdue): the notifications are keyed.
    from .services.grant_reports import report_reminders_send

    return report_reminders_send()
