"""Test settings: the real settings plus a test-only dossier app.

The approvals engine is proven on `tests.dossiers` before (and beside) the
real dossiers. Everything else comes from config.settings and the
environment (DATABASE_URL, REDIS_URL) exactly as in production.
"""

from config.settings import *  # noqa: F401,F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.dossiers", "tests.probe"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
