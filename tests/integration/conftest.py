"""Fixtures for integration tests: a real Celery worker process, and control
of the real Redis server that bin/test started.

Integration tests run against the real services:

* PostgreSQL (DATABASE_URL) — the worker connects to the *test* database that
  pytest-django created, so tests must use ``transactional_db``: only
  committed data is visible to another process.
* Redis (REDIS_URL) — the broker. Without REDIS_URL, tests marked
  ``@pytest.mark.integration`` (and these fixtures) are skipped with a reason.
  bin/test always sets it, so under bin/test they always run.

    @pytest.mark.integration
    def test_something(transactional_db, celery_worker_process, redis_control):
        redis_control.stop()   # Redis is down (queued messages are lost)
        ...
        redis_control.start()  # back, answering PING

The worker lives for one test module (it is started on first use and
stopped after the module's last test), so it never runs tasks published by
unrelated unit tests while they run; the default queue is purged before it
starts.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[2]
NEEDS_REDIS = "integration test: needs REDIS_URL (a real Redis; bin/test starts one and sets it)"
WORKER_READY_TIMEOUT = 60
_STARTED = []  # Popen objects of Redis servers restarted by redis_control


def pytest_collection_modifyitems(config, items):
    if os.environ.get("REDIS_URL"):
        return
    skip = pytest.mark.skip(reason=NEEDS_REDIS)
    for item in items:
        if item.get_closest_marker("integration"):
            item.add_marker(skip)


def _require_redis():
    if not os.environ.get("REDIS_URL"):
        pytest.skip(NEEDS_REDIS)


def _test_database_url():
    """DATABASE_URL of the test database pytest-django created (test_relais…)."""
    from django.db import connection

    s = connection.settings_dict
    if s["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("integration test: the worker process needs PostgreSQL (DATABASE_URL=postgres://…)")
    auth = quote(s.get("USER") or "", safe="")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"], safe="")
    host = s.get("HOST") or "127.0.0.1"
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgres://{auth}@{host}{port}/{quote(s['NAME'], safe='')}"


def _record_pid(name, pid):
    """bin/test kills whatever is recorded here if a run is interrupted."""
    pid_dir = os.environ.get("RELAIS_TEST_PID_DIR")
    if not pid_dir:
        return None
    path = Path(pid_dir) / f"{name}.pid"
    path.write_text(str(pid))
    return path


class CeleryWorker:
    def __init__(self, process, log_path, hostname, queue):
        self.process = process
        self.log_path = log_path
        self.hostname = hostname
        self.queue = queue

    @property
    def pid(self):
        return self.process.pid

    def log(self):
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def alive(self):
        return self.process.poll() is None


def _stop_process(process, timeout=20):
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)  # warm shutdown: finish the current task
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _project_env(database_url, **extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.settings",
        DATABASE_URL=database_url,
        REDIS_URL=os.environ["REDIS_URL"],
        DB_CONN_MAX_AGE="0",  # no idle connection left to block DROP DATABASE
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def _purge(queue):
    from config.celery import app

    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(queue)


def _queue():
    from config.celery import app

    return os.environ.get("RELAIS_TEST_CELERY_QUEUE", app.conf.task_default_queue or "celery")


def start_worker(log_dir, *, name="worker", pool="solo", env=None) -> CeleryWorker:
    """Start a real `celery -A config worker` on the real Redis and the test
    database; returns once it is ready. Stop it with stop_worker()."""
    queue = _queue()
    hostname = f"relais-test-{name}-{uuid.uuid4().hex[:8]}@%h"
    log_path = Path(log_dir) / f"{name}.log"
    celery_bin = Path(sys.executable).with_name("celery")
    command = [str(celery_bin)] if celery_bin.exists() else [sys.executable, "-m", "celery"]
    command += [
        "-A", "config", "worker",
        f"--pool={pool}", "--concurrency=1",
        "-Q", queue,
        "-n", hostname,
        "--loglevel=INFO",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
    ]  # fmt: skip
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=_project_env(_test_database_url(), **(env or {})),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C goes to pytest, whose teardown stops the worker
        )
    worker = CeleryWorker(process, log_path, hostname, queue)
    worker.pidfile = _record_pid(f"celery-worker-{process.pid}", process.pid)
    deadline = time.monotonic() + WORKER_READY_TIMEOUT
    while " ready." not in worker.log():
        if not worker.alive():
            pytest.fail(f"Celery worker exited with {process.returncode} before it was ready:\n{worker.log()}")
        if time.monotonic() > deadline:
            stop_worker(worker)
            pytest.fail(f"Celery worker not ready after {WORKER_READY_TIMEOUT}s:\n{worker.log()}")
        time.sleep(0.1)
    return worker


def stop_worker(worker: CeleryWorker) -> None:
    _stop_process(worker.process)
    if getattr(worker, "pidfile", None):
        worker.pidfile.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def celery_worker_process(django_db_setup, django_db_blocker, tmp_path_factory):
    """A real `celery -A config worker` subprocess on the real Redis, writing to
    the test database. Yields a CeleryWorker (pid, log(), alive())."""
    _require_redis()
    # Drop messages that earlier (unit) tests published and nobody consumed.
    _purge(_queue())
    worker = start_worker(tmp_path_factory.mktemp("celery"))
    try:
        yield worker
    finally:
        stop_worker(worker)


class RedisControl:
    """Stop and start the Redis server that bin/test started (same command line)."""

    def __init__(self, port, directory):
        self.port = int(port)
        self.directory = Path(directory)
        self.redis_cli = shutil.which("redis-cli") or "redis-cli"
        self.redis_server = shutil.which("redis-server") or "redis-server"

    @property
    def command(self):
        # Keep in step with bin/test.
        return [
            self.redis_server,
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--daemonize", "no",
            "--dir", str(self.directory),
            "--pidfile", str(self.directory / "redis.pid"),
        ]  # fmt: skip

    def ping(self):
        try:
            result = subprocess.run(
                [self.redis_cli, "-h", "127.0.0.1", "-p", str(self.port), "ping"],
                capture_output=True,
                text=True,
                timeout=5,
            )
        except subprocess.TimeoutExpired:
            return False
        return result.stdout.strip() == "PONG"

    def stop(self, timeout=20):
        """Shut Redis down without saving; returns once it no longer answers."""
        subprocess.run(
            [self.redis_cli, "-h", "127.0.0.1", "-p", str(self.port), "shutdown", "nosave"],
            capture_output=True,
            timeout=10,
        )
        deadline = time.monotonic() + timeout
        while self.ping():
            if time.monotonic() > deadline:
                raise RuntimeError(f"Redis on port {self.port} still answers after shutdown")
            time.sleep(0.1)

    def start(self, timeout=20):
        """Start Redis again; returns once it answers PING."""
        if self.ping():
            return
        with open(self.directory / "redis.log", "ab") as log:
            _STARTED.append(
                subprocess.Popen(
                    self.command,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        deadline = time.monotonic() + timeout
        while not self.ping():
            if time.monotonic() > deadline:
                raise RuntimeError(f"Redis on port {self.port} did not come back within {timeout}s")
            time.sleep(0.1)

    @property
    def running(self):
        return self.ping()


@pytest.fixture
def redis_control():
    """redis_control.stop() / .start(): kill and revive the test Redis. Redis is
    always running again after the test, whatever the test did."""
    _require_redis()
    port = os.environ.get("RELAIS_TEST_REDIS_PORT")
    directory = os.environ.get("RELAIS_TEST_REDIS_DIR")
    if not port or not directory:
        pytest.skip("redis_control needs the Redis started by bin/test (RELAIS_TEST_REDIS_PORT, RELAIS_TEST_REDIS_DIR)")
    control = RedisControl(port, directory)
    if not control.ping():
        control.start()
    yield control
    if not control.ping():
        control.start()
