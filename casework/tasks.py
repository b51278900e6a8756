"""Thin tasks: call a service, safe to run twice."""

from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def send_wellbeing_reminders() -> int:
    return services.wellbeing_reminders_send()
