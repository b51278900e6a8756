"""Wiring done once at start-up (approvals.apps.ready): outbox handlers and
the chair's home section."""


def connect():
    from accounts.home import register_section

    from . import handlers  # noqa: F401  (registers the outbox handlers)
    from .home import chair_letters, secretariat_meetings

    register_section(chair_letters)
    register_section(secretariat_meetings)
