"""A tiny test-only app that proves the real Celery worker path end to end:
a task queued after a commit runs in another process and writes a row."""
