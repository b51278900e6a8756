"""Thin tasks: call a service, safe to run twice."""

from celery import shared_task

from .services.meetings import meeting_reminders_send
from .services.terms import election_install_due


@shared_task(ignore_result=True)
def send_meeting_reminders() -> int:
    return meeting_reminders_send()


@shared_task(ignore_result=True)
def install_elected_committees():
    """Seat the committees whose elected term starts today or started (once)."""
    return election_install_due()
