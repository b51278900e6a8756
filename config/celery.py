"""The Celery application.

Settings that keep tasks from being lost live in config/settings.py under
CELERY_*: acks late, reject on worker lost, prefetch 1, and a visibility
timeout far above the longest task.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("relais")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
