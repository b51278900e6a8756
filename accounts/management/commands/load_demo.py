"""Load demo data: every demo person, then each app's own demo data.

An app contributes demo data with a module `<app>/demo.py` defining
`load(stdout)`: it is called after the demo people exist (find them with
`accounts.demo.demo_user(role)`), in INSTALLED_APPS order, inside the same
transaction, and must be safe to run again. It writes at most a line or two.
An optional `loaded(stdout)` runs after the commit (approvals delivers the
outbox there, so the demo's notifications, e-mails and letters exist at once).

E-mails sent while loading go to files under var/mail/, not the console:
the command prints a short table of who can sign in (role, name, e-mail,
password, TOTP secret), also written to var/demo-users.json.
"""

import importlib
import importlib.util
import json
import logging
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from accounts.demo import credentials, load_users


def project_app_configs():
    """Installed apps that belong to this project (not Django or a library)."""
    installed_libraries = Path(sys.prefix).resolve()
    for app_config in apps.get_app_configs():
        if app_config.name == "accounts":
            continue
        if Path(app_config.path).resolve().is_relative_to(installed_libraries):
            continue
        yield app_config


def run_demo_hooks(stdout, function: str = "load") -> list[str]:
    """Call each project app's optional `demo.<function>(stdout)`; return the apps called."""
    called = []
    for app_config in project_app_configs():
        if importlib.util.find_spec(f"{app_config.name}.demo") is None:
            continue
        module = importlib.import_module(f"{app_config.name}.demo")
        hook = getattr(module, function, None)
        if callable(hook):
            if function == "load":
                stdout.write(f"{app_config.label}…\n")
            hook(stdout)
            called.append(app_config.label)
    return called


@contextmanager
def quiet_background_logs():
    """In-process background tasks log a line each (hundreds while loading)."""
    loggers = [logging.getLogger(name) for name in ("celery", "kombu")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


class Command(BaseCommand):
    help = "Crée les comptes de démonstration (tous les membres des comités et groupes) et les données de démonstration."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "load_demo refuse de tourner en production (RELAIS_ENV=production) : "
                "les comptes de démonstration ont des mots de passe connus."
            )
        mail_dir = Path(settings.VAR_DIR) / "mail"
        # Thousands of notification e-mails: to files, never to the console.
        with quiet_background_logs(), override_settings(
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend", EMAIL_FILE_PATH=str(mail_dir)
        ):
            with transaction.atomic():
                self.stdout.write("Comptes de démonstration…\n")
                load_users(self.stdout)
                run_demo_hooks(self.stdout)
            run_demo_hooks(self.stdout, "loaded")
            people = credentials()

        path = Path(settings.VAR_DIR) / "demo-users.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        # Known passwords: readable by the owner only.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump([c.as_dict() for c in people], out, ensure_ascii=False, indent=2)
            out.write("\n")
        self._table(people)
        self.stdout.write(
            self.style.SUCCESS(f"{len(people)} comptes de démonstration ; détails dans {path}, e-mails dans {mail_dir}/")
        )

    def _table(self, people):
        header = ("rôle", "nom", "e-mail", "mot de passe", "secret TOTP (base32)")
        rows = [(c.role, c.full_name, c.email, c.password, c.totp_secret or "-") for c in people]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]

        def line(row):
            return "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths)) + "  " + row[4]

        self.stdout.write("")
        self.stdout.write(line(header))
        self.stdout.write(line(tuple("-" * width for width in widths) + ("-" * 32,)))
        for row in rows:
            self.stdout.write(line(row))
        self.stdout.write("")
