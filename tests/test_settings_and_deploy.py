"""Settings come from the environment; production refuses to start half
configured, and a fully configured production passes `check --deploy` clean.

Each case runs `manage.py` in a subprocess with a controlled environment
(nothing inherited but PATH), exactly as an operator would.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")


def run_manage(args, env, timeout=120):
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def production_env(tmp_path):
    return {
        "RELAIS_ENV": "production",
        "RELAIS_VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "relais.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
        # Required by the deploy check casework.E001 (emergency-case encryption).
        "RELAIS_FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    }


@pytest.mark.parametrize("missing", REQUIRED)
@pytest.mark.parametrize("how", ["unset", "empty"])
def test_production_refuses_to_start_without_a_required_setting(production_env, missing, how):
    if how == "unset":
        del production_env[missing]
    else:
        production_env[missing] = ""

    result = run_manage(["check", "--deploy"], production_env)

    assert result.returncode != 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert missing in lines[0]
    assert not any(other in lines[0] for other in REQUIRED if other != missing)
    assert result.stdout == ""


def test_production_with_nothing_set_names_the_first_missing_setting(tmp_path):
    result = run_manage(["check", "--deploy"], {"RELAIS_ENV": "production", "RELAIS_VAR_DIR": str(tmp_path)})

    assert result.returncode != 0
    assert result.stderr.splitlines() == ["Relais: SECRET_KEY must be set when RELAIS_ENV=production."]


@pytest.mark.parametrize("database", ["sqlite", "postgres"])
def test_configured_production_passes_check_deploy_without_warnings(production_env, database):
    if database == "postgres":
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith(("postgres://", "postgresql://")):
            pytest.skip("DATABASE_URL is not a PostgreSQL URL (bin/test sets one)")
        production_env["DATABASE_URL"] = url

    result = run_manage(["check", "--deploy", "--fail-level", "WARNING"], production_env)

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output
    assert "ERROR" not in output
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_without_the_case_encryption_keys(production_env):
    del production_env["RELAIS_FIELD_ENCRYPTION_KEYS"]

    result = run_manage(["check", "--deploy"], production_env)

    assert result.returncode != 0
    assert "RELAIS_FIELD_ENCRYPTION_KEYS" in result.stderr


PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ENGINE": settings.DATABASES["default"]["ENGINE"],
    "SESSION_COOKIE_SECURE": getattr(settings, "SESSION_COOKIE_SECURE", False),
    "CSRF_COOKIE_SECURE": getattr(settings, "CSRF_COOKIE_SECURE", False),
    "SECURE_SSL_REDIRECT": getattr(settings, "SECURE_SSL_REDIRECT", False),
    "SECURE_HSTS_SECONDS": getattr(settings, "SECURE_HSTS_SECONDS", 0),
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "ALWAYS_EAGER": settings.CELERY_TASK_ALWAYS_EAGER,
    "BROKER": settings.CELERY_BROKER_URL,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
}))
"""


def read_settings(env):
    result = run_manage(["shell", "--no-imports", "-c", PRINT_SETTINGS], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_defaults_are_safe(production_env):
    production_env["REDIS_URL"] = "redis://127.0.0.1:1/0"

    values = read_settings(production_env)

    assert values["DEBUG"] is False
    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["ALWAYS_EAGER"] is False
    assert values["BROKER"] == "redis://127.0.0.1:1/0"
    assert values["ALLOWED_HOSTS"] == ["relais.example.org"]


def test_embedded_default_needs_no_environment(tmp_path):
    """Nothing set (the demo): SQLite in RELAIS_VAR_DIR, tasks run in-process."""
    env = {"RELAIS_VAR_DIR": str(tmp_path / "var")}

    check = run_manage(["check"], env)
    values = read_settings(env)

    assert check.returncode == 0, check.stdout + check.stderr
    assert values["DEBUG"] is True
    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["ALWAYS_EAGER"] is True
    assert values["BROKER"] == "memory://"
    assert (tmp_path / "var").is_dir()
