"""Wiring done once at start-up (approvals.apps.ready): outbox handlers,
the chair's home section, and the sweep of PDF leftovers when a Celery
worker starts."""


def connect():
    from accounts.home import register_section

    from . import handlers  # noqa: F401  (registers the outbox handlers)
    from .home import chair_letters, secretariat_meetings

    register_section(chair_letters)
    register_section(secretariat_meetings)

    from celery.signals import worker_ready

    worker_ready.connect(sweep_pdf_leftovers, weak=False, dispatch_uid="relais-letters-sweep-pdf")


def sweep_pdf_leftovers(**_signal):
    """A worker that starts removes what dead conversions left (work
    directories, kept profiles, a LibreOffice still running in them)."""
    from .pdf import sweep_leftovers

    try:
        sweep_leftovers(delete=True)
    except Exception:  # never keep a worker from starting
        import logging

        logging.getLogger(__name__).exception("Sweeping PDF leftovers failed.")
