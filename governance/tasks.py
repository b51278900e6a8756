"""Celery tasks of governance: thin, safe to run twice."""

from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def install_elected_committees():
    """Seat the committees whose elected term starts today or started (once)."""
    return services.election_install_due()
