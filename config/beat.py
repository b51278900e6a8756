"""Celery beat's schedule: every periodic task of Relais, in one place.

Intervals in seconds come from the environment (README, Configuration);
fixed times are read in TIME_ZONE (CELERY_TIMEZONE). Every task is
idempotent: a run twice, or a run after a missed one, sends nothing twice.
"""

from celery.schedules import crontab

from config.environment import env


def beat_schedule() -> dict:
    def every(task, variable, seconds):
        return {"task": task, "schedule": float(env(variable, seconds))}

    return {
        # The engine: the outbox relay delivers what was recorded; timers and due ballots.
        "relay-outbox": every("approvals.tasks.relay_outbox", "RELAIS_OUTBOX_RELAY_SECONDS", "60"),
        "run-timers": every("approvals.tasks.run_timers", "RELAIS_TIMERS_SECONDS", "300"),
        "close-due-ballots": every("approvals.tasks.close_due_ballots", "RELAIS_TIMERS_SECONDS", "300"),
        # Emergency fund: check-ins with the people helped.
        "casework-wellbeing-reminders": every(
            "casework.tasks.send_wellbeing_reminders", "RELAIS_WELLBEING_REMINDER_SECONDS", "21600"
        ),
        # Meetings: invitations' reminders 7 days and 1 day before.
        "governance-meeting-reminders": every(
            "governance.tasks.send_meeting_reminders", "RELAIS_MEETING_REMINDER_SECONDS", "3600"
        ),
        # Elected committees take their seats on the first day of their term.
        "governance-install-elected": {
            "task": "governance.tasks.install_elected_committees", "schedule": crontab(hour=0, minute=15),
        },
        # Weekly digest of calls for proposals to the fundraising group, Monday 07:00.
        "grants-weekly-digest": {
            "task": "grants.tasks.send_weekly_digest", "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
        },
        # Reports due to donors: reminders at 30, 14 and 7 days, then overdue; daily 07:15.
        "grants-report-reminders": {"task": "grants.tasks.send_report_reminders", "schedule": crontab(hour=7, minute=15)},
    }
