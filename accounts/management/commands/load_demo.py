"""Load demo data: one person per role, then each app's own demo data.

An app contributes demo data with a module `<app>/demo.py` defining
`load(stdout)`: it is called after the demo people exist (find them with
`accounts.demo.demo_user(role)`), in INSTALLED_APPS order, inside the same
transaction, and must be safe to run again.
"""

import importlib
import importlib.util
import json
import os
import sys
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo import load_users


def project_app_configs():
    """Installed apps that belong to this project (not Django or a library)."""
    installed_libraries = Path(sys.prefix).resolve()
    for app_config in apps.get_app_configs():
        if app_config.name == "accounts":
            continue
        if Path(app_config.path).resolve().is_relative_to(installed_libraries):
            continue
        yield app_config


def run_demo_hooks(stdout) -> list[str]:
    """Call each project app's optional `demo.load(stdout)`; return the apps called."""
    called = []
    for app_config in project_app_configs():
        if importlib.util.find_spec(f"{app_config.name}.demo") is None:
            continue
        module = importlib.import_module(f"{app_config.name}.demo")
        load = getattr(module, "load", None)
        if callable(load):
            stdout.write(f"{app_config.label}…\n")
            load(stdout)
            called.append(app_config.label)
    return called


class Command(BaseCommand):
    help = "Crée les comptes de démonstration (un par rôle) et les données de démonstration des applications."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "load_demo refuse de tourner en production (RELAIS_ENV=production) : "
                "les comptes de démonstration ont des mots de passe connus."
            )
        with transaction.atomic():
            self.stdout.write("Comptes de démonstration…\n")
            credentials = load_users(self.stdout)
            run_demo_hooks(self.stdout)

        path = Path(settings.VAR_DIR) / "demo-users.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        # Known passwords: readable by the owner only.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump([c.as_dict() for c in credentials], out, ensure_ascii=False, indent=2)
            out.write("\n")

        width = max(len(c.email) for c in credentials)
        self.stdout.write("")
        self.stdout.write(f"{'e-mail'.ljust(width)}  {'mot de passe'.ljust(17)}  secret TOTP (base32)")
        self.stdout.write(f"{'-' * width}  {'-' * 17}  {'-' * 32}")
        for c in credentials:
            self.stdout.write(f"{c.email.ljust(width)}  {c.password.ljust(17)}  {c.totp_secret or '-'}")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"{len(credentials)} comptes de démonstration ; détails dans {path}"))
