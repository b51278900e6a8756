"""deploy/ holds what the README's deployment section points to: the three
systemd units and the nginx site. They must parse as the tools themselves
read them: `systemd-analyze verify` for the units, `nginx -t` for the site
(bin/test installs nginx; systemd-analyze comes with systemd)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))


def _tool(name):
    path = shutil.which(name) or next((p for p in (f"/usr/sbin/{name}", f"/usr/bin/{name}") if Path(p).exists()), None)
    if path is None:
        pytest.fail(f"{name} is not installed; bin/test installs it")
    return path


def test_the_three_processes_have_their_unit():
    assert [unit.name for unit in UNITS] == ["relais-beat.service", "relais-web.service", "relais-worker.service"]
    for unit in UNITS:
        text = unit.read_text()
        assert "EnvironmentFile=/etc/relais/relais.env" in text
        assert "User=relais" in text and "ProtectSystem=strict" in text


def test_the_units_run_what_the_readme_says():
    text = {unit.name: unit.read_text() for unit in UNITS}
    assert "gunicorn config.wsgi --bind 127.0.0.1:8001" in text["relais-web.service"]
    assert "celery -A config worker" in text["relais-worker.service"]
    assert "celery -A config beat" in text["relais-beat.service"]
    readme = (ROOT / "README.md").read_text()
    for path in ("deploy/systemd/", "deploy/nginx/relais.conf", "deploy/relais.env.example"):
        assert path in readme


def test_the_units_pass_systemd_analyze_verify(tmp_path):
    # The units name /srv/relais; verify checks that ExecStart exists, so
    # point them at this checkout's virtualenv (the same programs).
    venv = Path(sys.executable).parent.parent
    assert (venv / "bin" / "gunicorn").exists() and (venv / "bin" / "celery").exists()
    for unit in UNITS:
        text = unit.read_text().replace("/srv/relais/.venv", str(venv)).replace("/srv/relais", str(ROOT))
        text = text.replace("/etc/relais/relais.env", str(DEPLOY / "relais.env.example"))
        (tmp_path / unit.name).write_text(text)
    result = subprocess.run(
        [_tool("systemd-analyze"), "verify", "--man=no", *sorted(p.name for p in tmp_path.glob("*.service"))],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
        env={"PATH": "/usr/sbin:/usr/bin:/bin", "SYSTEMD_LOG_LEVEL": "notice"},
    )
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0 and not output, output


def test_systemd_analyze_does_refuse_a_broken_unit(tmp_path):
    (tmp_path / "broken.service").write_text("[Service]\nExecStart=/nonexistent/relais\nRestartt=always\n")
    result = subprocess.run(
        [_tool("systemd-analyze"), "verify", "--man=no", "broken.service"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, env={"PATH": "/usr/sbin:/usr/bin:/bin"},
    )
    assert result.returncode != 0 or "Unknown key" in result.stderr


def _nginx_test(tmp_path, site_text):
    """nginx -t over the site inside a minimal main configuration, with a
    throw-away certificate in place of Let's Encrypt's and logs in tmp."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=relais.example.org",
         "-keyout", str(tmp_path / "privkey.pem"), "-out", str(tmp_path / "fullchain.pem")],
        check=True, capture_output=True, timeout=60,
    )
    site = re.sub(r"/etc/letsencrypt/live/relais\.example\.org/", f"{tmp_path}/", site_text)
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "relais.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log {tmp_path}/access.log;\n  client_body_temp_path {tmp_path}/body;\n"
        f"  proxy_temp_path {tmp_path}/proxy;\n  include {tmp_path}/relais.conf;\n}}\n"
    )
    return subprocess.run(
        [_tool("nginx"), "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "error.log")],
        capture_output=True, text=True, timeout=60,
    )


def test_the_nginx_site_passes_nginx_t(tmp_path):
    result = _nginx_test(tmp_path, (DEPLOY / "nginx" / "relais.conf").read_text())
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_nginx_t_does_refuse_a_broken_site(tmp_path):
    broken = (DEPLOY / "nginx" / "relais.conf").read_text().replace("proxy_pass http://relais_web;", "proxy_pass http://relais_web")
    result = _nginx_test(tmp_path, broken)
    assert result.returncode != 0


def test_status_links_stay_out_of_the_access_log():
    site = (DEPLOY / "nginx" / "relais.conf").read_text()
    assert "if=$relais_loggable" in site
    assert re.search(r"~\^/\(urgence/\)\?suivi/\s+0;", site)
