"""Logging helpers referenced from settings.LOGGING.

A refused request (any 4xx: 403, 404, 400…) is one line in the log: Django
logs it on `django.request` with the exception's traceback attached, which
for a refusal is noise (and was printed twice, by Django's own console
handler and ours). `QuietRefusals` drops the traceback of 4xx records and
masks the secret part of status links (/suivi/<reference>/<token>/) in the
logged path; 5xx keep their traceback.
"""

import logging
import re

_STATUS_LINK = re.compile(r"(/suivi/[^/\s]+/)[^/\s]+")


def _masked(value):
    return _STATUS_LINK.sub(r"\1…", value) if isinstance(value, str) else value


class QuietRefusals(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(_masked(arg) for arg in record.args)
        return True


def logging_settings(*, level: str) -> dict:
    """settings.LOGGING: one console; a refused request (4xx) is one line."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
        "filters": {"quiet_refusals": {"()": "config.logging.QuietRefusals"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["quiet_refusals"]}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "axes": {"level": "WARNING"},
            # Django's own handlers (a second console in DEBUG, mail_admins) are
            # removed: its records reach the root console once.
            "django": {"level": level},
            "django.request": {"filters": ["quiet_refusals"]},
        },
    }
