"""Production headers on every response, no inline script or style to
allow, DEBUG refused in production, and the admin answers a signed-in
person without rights with a 403 instead of a sign-in loop."""

import re
from pathlib import Path

import pytest
from django.test import Client

from tests.test_settings_and_deploy import production_env, run_manage  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[1]


def _directives(header: str) -> dict:
    found = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            found[words[0]] = words[1:]
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/compte/connexion/", "/membres/adhesion/", "/urgence/demande/", "/page-qui-n-existe-pas/"])
def test_every_page_carries_the_security_headers(client, path):
    response = client.get(path)
    policy = _directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"] and policy["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def _template_files():
    for base in ("templates", "accounts", "approvals", "members", "grants", "casework"):
        yield from (path for path in (ROOT / base).rglob("*.html") if ".venv" not in path.parts)


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event-handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_no_template_of_ours_has_inline_script_or_style():
    offenders = []
    for path in _template_files():
        source = path.read_text()
        for pattern, what in INLINE:
            if pattern.search(source):
                offenders.append(f"{path.relative_to(ROOT)}: {what}")
    assert offenders == []


@pytest.mark.django_db
def test_rendered_pages_have_no_inline_style_either(make_user, client_for):
    """What templates do not show: markup built in code (e.g. the QR code)."""
    from accounts.roles import Role

    client = Client()
    user = make_user(Role.COPIL_MEMBER)
    client.force_login(user)
    page = client.get("/compte/second-facteur/").content.decode()  # enrolment, with its QR code
    assert "<svg" in page
    for pattern, what in INLINE:
        assert not pattern.search(page), what


@pytest.mark.parametrize("value", ["true", "1", "yes", "on"])
def test_debug_is_refused_in_production(production_env, value):  # noqa: F811
    production_env["DEBUG"] = value
    result = run_manage(["check", "--deploy"], production_env)
    assert result.returncode != 0
    assert result.stderr.splitlines() == [
        "Relais: DEBUG must be off when RELAIS_ENV=production (unset DEBUG or set it to false)."
    ]
    assert result.stdout == ""


def test_debug_false_in_production_starts(production_env):  # noqa: F811
    production_env["DEBUG"] = "false"
    result = run_manage(["check", "--deploy", "--fail-level", "WARNING"], production_env)
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.django_db
def test_a_signed_in_person_without_admin_rights_gets_a_403_not_a_loop(make_user, client_for):
    client = client_for(make_user("applicant"))
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) <= 1
    assert "pas accès à l'administration" in response.content.decode().replace("&#x27;", "'")


@pytest.mark.django_db
def test_an_anonymous_visitor_of_the_admin_is_sent_to_sign_in(client):
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/compte/connexion/")


@pytest.mark.django_db
def test_the_administrator_still_reaches_the_admin(make_user, client_for):
    assert client_for(make_user("administrator", is_staff=True, is_superuser=True)).get("/admin/").status_code == 200
