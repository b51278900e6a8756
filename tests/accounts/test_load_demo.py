import json
from base64 import b32decode

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.checks import demo_passwords_refused_in_production
from accounts.models import User
from accounts.roles import SECOND_FACTOR_ROLES, Role
from tests.accounts.otp import totp_code


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return tmp_path


@pytest.fixture(autouse=True)
def quick_pdf(monkeypatch):
    """load_demo delivers the outbox, decision letters included: LibreOffice
    would take seconds per letter and these tests are not about the PDF."""
    monkeypatch.setattr("approvals.letters.services.issuing.to_pdf", lambda docx, **kwargs: b"%PDF-1.4\n%%EOF\n")


def test_load_demo_twice_creates_each_person_once_and_writes_the_json(db, var_dir, capsys):
    call_command("load_demo")
    call_command("load_demo")

    users = User.objects.filter(is_demo=True)
    assert users.count() == len({user.email for user in users}) >= 24
    assert {code for user in users for code in user.role_codes} == set(Role.values)
    people = json.loads((var_dir / "demo-users.json").read_text())
    assert len(people) == users.count()
    assert (var_dir / "demo-users.json").stat().st_mode & 0o077 == 0
    by_role = {}
    for person in people:
        by_role.setdefault(person["role"], person)
    assert "copil.membre@demo.relais.example" in {p["email"] for p in people if p["role"] == "copil_member"}
    assert by_role["auditor"]["language"] == "en"
    assert all(person["password"].startswith("demo-") for person in people)
    for person in people:
        assert bool(person["totp_secret"]) == (person["role"] in SECOND_FACTOR_ROLES)
    assert TOTPDevice.objects.filter(user__is_demo=True, confirmed=True).count() == sum(bool(p["totp_secret"]) for p in people)
    printed = capsys.readouterr().out
    assert "copil.membre@demo.relais.example" in printed
    assert by_role["copil_member"]["password"] in printed
    assert by_role["copil_member"]["totp_secret"] in printed


def test_demo_person_signs_in_with_the_printed_credentials(db, var_dir, client):
    call_command("load_demo")
    person = next(p for p in json.loads((var_dir / "demo-users.json").read_text()) if p["role"] == "copil_chair")
    user = User.objects.get(email=person["email"])

    client.post("/compte/connexion/", {"username": person["email"], "password": person["password"]})
    device = TOTPDevice.objects.get(user=user)
    secret = person["totp_secret"]
    assert b32decode(secret + "=" * (-len(secret) % 8)).hex() == device.key
    response = client.post("/compte/second-facteur/", {"code": totp_code(device)})

    assert response["Location"] == "/"
    assert "Ce qui m" in client.get("/").content.decode()


def test_passwords_are_stable_across_runs(db, var_dir):
    call_command("load_demo")
    first = (var_dir / "demo-users.json").read_text()
    call_command("load_demo")

    assert (var_dir / "demo-users.json").read_text() == first


def test_load_demo_refuses_to_run_in_production(db, var_dir, settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="refuse de tourner en production"):
        call_command("load_demo")

    assert not User.objects.exists()
    assert not (var_dir / "demo-users.json").exists()


def test_other_apps_demo_hooks_run_after_the_people(db, var_dir, monkeypatch):
    from types import SimpleNamespace

    from accounts.management.commands import load_demo
    from tests.accounts.hookapp import demo as hookapp_demo

    monkeypatch.setattr(
        load_demo, "project_app_configs", lambda: [SimpleNamespace(name="tests.accounts.hookapp", label="hookapp")]
    )
    hookapp_demo.calls.clear()

    call_command("load_demo")

    assert hookapp_demo.calls == ["charge.dossiers@demo.relais.example"]


def test_installed_project_apps_are_looked_up_for_demo_hooks(db):
    from accounts.management.commands.load_demo import project_app_configs

    names = [config.name for config in project_app_configs()]

    assert "approvals" in names
    assert "accounts" not in names
    assert not any(name.startswith(("django", "axes", "guardian")) for name in names)


def test_deploy_check_refuses_active_demo_accounts_in_production(db, var_dir, settings):
    call_command("load_demo")

    settings.PRODUCTION = False
    assert demo_passwords_refused_in_production(None) == []

    settings.PRODUCTION = True
    errors = demo_passwords_refused_in_production(None)
    assert [error.id for error in errors] == ["accounts.E001"]
    assert f"{User.objects.filter(is_demo=True).count()} compte(s) de démonstration" in errors[0].msg

    User.objects.filter(is_demo=True).update(is_active=False)
    assert demo_passwords_refused_in_production(None) == []
