"""HTTP under load: the pages people wait for, with locust against gunicorn,
each against the bare view through the same middleware."""

import csv
import os
import socket
import statistics
import sys
import time
import urllib.request
from pathlib import Path

from .common import ROOT, Started, free_port, ms, row, say


def session_cookie(user) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"  # as a real sign-in records it
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if user.needs_second_factor:
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="default", defaults={"confirmed": True})
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return session.session_key


def locust(args, base_url, name, path, cookie, work_dir):
    csv_prefix = work_dir / name
    command = [
        os.environ.get("RELAIS_BENCH_LOCUST") or "locust", "-f", str(ROOT / "benchmarks/locustfile.py"), "--headless",
        "-u", str(args.users), "-r", str(args.users), "-t", f"{args.duration}s", "--host", base_url,
        "--csv", str(csv_prefix), "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "5",
    ]  # fmt: skip
    runner = Started(f"locust-{name}", command, env={"BENCH_PATH": path, "BENCH_COOKIE": cookie or ""}, log=work_dir / f"{name}.log")
    try:
        runner.process.wait(timeout=args.duration + 90)
    finally:
        runner.stop()
    with open(f"{csv_prefix}_stats.csv", newline="") as f:
        stats = {r["Name"]: r for r in csv.DictReader(f)}
    total = stats["Aggregated"]
    requests, failures = int(total["Request Count"]), int(total["Failure Count"])
    result = {
        "rps": float(total["Requests/s"]),
        "p95": float(total["95%"]) / 1000,
        "requests": requests,
        "failures": failures,
    }
    say(f"  {name} {path}: {result['rps']:.1f} req/s, p95 {result['p95'] * 1000:.0f} ms, {requests} requests, {failures} failed")
    return result


def fetch_status(url, cookie):
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}"} if cookie else {})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, 0


def measure_http(args, work_dir):
    from accounts.models import User
    from approvals.services.status_links import status_link_issue
    from benchmarks import dataset
    from members.models import MembershipApplication

    say(f"HTTP: gunicorn, {args.workers} workers; locust headless, {args.users} users, {args.duration} s per page")
    applicant = User.objects.get(email=dataset.APPLICANT_EMAIL)
    copil = User.objects.get(email=dataset.COPIL_EMAIL)
    applicant_cookie, copil_cookie = session_cookie(applicant), session_cookie(copil)
    dossier = MembershipApplication.objects.get(reference=f"ADH-{dataset.BENCH_YEAR}-000000")
    token = status_link_issue(dossier=dossier, by=None)
    pages = [
        ("bare", "/bench/bare/", applicant_cookie),
        ("my_space", "/mon-espace/", applicant_cookie),
        ("copil_home", "/", copil_cookie),
        ("status_link", f"/suivi/{dossier.reference}/{token}/", None),
    ]
    from django.db import connections

    connections.close_all()
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    gunicorn = Started(
        "gunicorn",
        [str(Path(sys.executable).with_name("gunicorn")), "config.wsgi", "-w", str(args.workers), "-b", f"127.0.0.1:{port}",
         "--timeout", "120", "--log-level", "warning"],
        log=work_dir / "gunicorn.log",
    )  # fmt: skip
    results = {}
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        for name, path, cookie in pages:
            for _ in range(3 * args.workers):  # each worker warmed (imports, templates, connections)
                status, size = fetch_status(base_url + path, cookie)
            if status != 200:
                say(f"  {name} {path}: answered {status}, not 200; the figures below would not be of the page")
            serial = []
            for _ in range(20):
                start = time.perf_counter()
                fetch_status(base_url + path, cookie)
                serial.append(time.perf_counter() - start)
            say(f"  {name}: one client alone, median {ms(statistics.median(serial))} per request ({size:,} bytes)")
            results[name] = locust(args, base_url, name, path, cookie, work_dir)
    finally:
        gunicorn.stop()
    bare = results["bare"]
    baseline = f"{bare['rps']:.0f} req/s, p95 {bare['p95'] * 1000:.0f} ms"
    for name, label, target in (
        ("my_space", '"Mon espace" of an applicant', 0.25),
        ("copil_home", "home page of a COPIL member", 0.25),
        ("status_link", "public status-link page", 0.5),
    ):
        r = results[name]
        ratio = r["rps"] / bare["rps"] if bare["rps"] else 0
        note = f"{r['failures']} of {r['requests']} requests failed" if r["failures"] else ""
        row(label, f"{r['rps']:.1f} req/s, p95 {r['p95'] * 1000:.0f} ms", f"bare view: {baseline}", f"{ratio:.3f}×",
            f"≥ {target}×", ratio >= target and not r["failures"], note)  # fmt: skip
