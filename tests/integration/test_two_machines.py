"""More than one machine, on the engines Relais already uses: two gunicorn
processes and two Celery workers against one PostgreSQL and one Redis.

- a decision taken through one web process is seen at once through the other;
- with two workers competing, every outbox message is delivered exactly once
  and every decision letter rendered once;
- a worker killed (SIGKILL) in the middle of a task leaves nothing half done,
  and the task completes on the other worker — an outbox delivery at the
  next relay, a plain Celery task when the broker gives it back (acks late,
  visibility timeout; shortened here through RELAIS_CELERY_VISIBILITY_SECONDS).

Beat is not started here: exactly one beat runs per installation (README,
deploy/systemd/relais-beat.service), and every periodic task is idempotent.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import Cookie, CookieJar

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import transaction

from approvals.models import Ballot, OutboxMessage
from approvals.services import dossier_create, enqueue, kick_relay, perform
from tests.dossiers.models import Petition
from tests.integration.conftest import ROOT, _project_env, _purge, _queue, _record_pid, _stop_process, _test_database_url, start_worker, stop_worker
from tests.probe.models import ProbeRow
from tests.probe.tasks import write_probe_row_slowly

pytestmark = pytest.mark.integration

TIMEOUT = 40
# A task of a dead worker comes back after this many seconds (3600 in production).
VISIBILITY = 6


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Web:
    """One gunicorn process serving config.wsgi on its own port."""

    def __init__(self, name, log_dir):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_dir / f"{name}.log"
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [gunicorn, "config.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", "1", "--timeout", "60"],
                cwd=ROOT, env=_project_env(_test_database_url()), stdin=subprocess.DEVNULL,
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        self.pidfile = _record_pid(f"gunicorn-{self.process.pid}", self.process.pid)
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(self.base + "/", timeout=5).close()
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    pytest.fail(f"gunicorn did not start:\n{self.log_path.read_text(errors='replace')}")
                time.sleep(0.2)

    def stop(self):
        _stop_process(self.process)
        if self.pidfile:
            self.pidfile.unlink(missing_ok=True)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """A person's browser session (made by the test client, stored in the
    database like any session) sent to a given web process."""

    def __init__(self, client):
        self.jar = CookieJar()
        self.csrf = secrets.token_hex(16)  # 32 characters: a valid unmasked secret
        for name, value in ((settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value), (settings.CSRF_COOKIE_NAME, self.csrf)):
            self.jar.set_cookie(Cookie(0, name, value, None, False, "127.0.0.1", False, False, "/", True, False, None, False, None, None, {}))
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def get(self, web, path):
        try:
            with self.opener.open(web.base + path, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def post(self, web, path, data):
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf}).encode()
        try:
            with self.opener.open(urllib.request.Request(web.base + path, data=body, method="POST"), timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


@pytest.fixture(scope="module")
def two_webs(django_db_setup, tmp_path_factory):
    log_dir = tmp_path_factory.mktemp("gunicorn")
    webs = []
    try:
        webs = [Web("web-a", log_dir), Web("web-b", log_dir)]
        yield webs
    finally:
        for web in webs:
            web.stop()


@pytest.fixture(scope="module")
def worker_logs(tmp_path_factory):
    return tmp_path_factory.mktemp("workers")


@pytest.fixture
def two_workers(django_db_setup, worker_logs):
    """Two real workers consuming the same queue; stopped after the test
    (a test may kill one)."""
    _purge(_queue())
    env = {"RELAIS_CELERY_VISIBILITY_SECONDS": str(VISIBILITY), "RELAIS_CELERY_RESTORE_SECONDS": "1"}
    workers = []
    try:
        for name in ("worker-a", "worker-b"):
            workers.append(start_worker(worker_logs, name=f"{name}-{uuid.uuid4().hex[:4]}", env=env))
        yield workers
    finally:
        for worker in workers:
            stop_worker(worker)


def _wait(predicate, timeout=TIMEOUT, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"{what}: not reached within {timeout}s")


def _logs(workers):
    return "\n".join(f"--- {w.hostname}\n{w.log()[-3000:]}" for w in workers)


def _kill(worker):
    """SIGKILL the worker and everything it started: no warm shutdown, no ack."""
    os.killpg(os.getpgid(worker.pid), signal.SIGKILL)
    worker.process.wait(timeout=10)


def test_a_decision_taken_through_one_web_process_is_seen_at_once_through_the_other(
    transactional_db, two_webs, two_workers, seat_committee, make_user, client_for
):
    web_a, web_b = two_webs
    copil = seat_committee("copil", members=6, chair_email="chair@example.org")
    reviewer = make_user("membership_group")
    reviewer.user_permissions.add(*Permission.objects.filter(codename__in=["review_petition", "view_petition"]))
    applicant = make_user("applicant")
    petition = dossier_create(Petition, by=applicant, grant_owner=("view", "change"), title="Pétition")
    perform(petition, "submit", by=applicant)
    perform(petition, "send_to_committee", by=reviewer)
    ballot = Ballot.objects.get(dossier_reference=petition.reference)

    # four members vote through web A
    for member in list(copil.members.order_by("email"))[:4]:
        assert Visitor(client_for(member)).post(web_a, f"/scrutins/{ballot.pk}/voter/", {"choice": "approve"}) == 302

    # web B, asked right after, already shows the decision to the applicant and the committee
    status, page = Visitor(client_for(applicant)).get(web_b, f"/dossiers/{petition.reference}/")
    assert status == 200 and "Approuvée" in page
    status, page = Visitor(client_for(copil.chair)).get(web_b, f"/scrutins/{ballot.pk}/")
    assert status == 200 and str(Ballot.Status.DECIDED.label) in page
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.DECIDED

    # and the workers deliver what the decision recorded, each message once
    _wait(lambda: not OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).exists(), what=f"outbox drained\n{_logs(two_workers)}")
    delivered = OutboxMessage.objects.filter(status=OutboxMessage.Status.DELIVERED)
    assert delivered.exists()
    assert set(delivered.values_list("attempts", flat=True)) == {1}


def test_two_competing_workers_deliver_every_outbox_message_exactly_once(transactional_db, two_workers):
    run = uuid.uuid4().hex[:8]
    labels = [f"{run}-{i}" for i in range(120)]
    with transaction.atomic():
        for label in labels:
            enqueue("probe.write", {"label": label, "pause": 0.02})
    for _ in range(6):  # several relays at once, as several kicks and beat would start them
        kick_relay()

    _wait(lambda: ProbeRow.objects.filter(label__startswith=run).count() >= len(labels), what=f"all delivered\n{_logs(two_workers)}")
    time.sleep(1)  # a duplicate, if any, would land now

    rows = list(ProbeRow.objects.filter(label__startswith=run).values_list("label", "pid"))
    assert sorted(label for label, _pid in rows) == sorted(labels)  # every one, none twice
    assert {pid for _label, pid in rows} == {w.pid for w in two_workers}  # both took part
    assert not OutboxMessage.objects.filter(topic="probe.write", status=OutboxMessage.Status.PENDING).exists()


def test_a_worker_killed_in_the_middle_of_an_outbox_delivery_leaves_nothing_and_the_other_delivers(
    transactional_db, two_workers, tmp_path
):
    label = f"killed-{uuid.uuid4().hex[:8]}"
    hold = tmp_path / "held"
    with transaction.atomic():
        message = enqueue("probe.write", {"label": label, "hold_file": str(hold), "hold_seconds": 60})
    kick_relay()
    holder_pid = int(_wait(lambda: hold.exists() and hold.read_text().strip(), what=f"delivery started\n{_logs(two_workers)}"))
    holder = next(w for w in two_workers if w.pid == holder_pid)
    other = next(w for w in two_workers if w is not holder)

    _kill(holder)

    # nothing half done: the row written in the dead transaction is gone, the message waits
    _wait(lambda: OutboxMessage.objects.filter(pk=message.pk, status=OutboxMessage.Status.PENDING).exists(), what="message still pending")
    assert not ProbeRow.objects.filter(label=label).exists()

    kick_relay()  # the next relay (a kick, or beat's schedule) runs on the other worker
    _wait(lambda: ProbeRow.objects.filter(label=label).exists(), what=f"delivered by the other worker\n{_logs([other])}")
    time.sleep(1)
    assert list(ProbeRow.objects.filter(label=label).values_list("pid", flat=True)) == [other.pid]
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.DELIVERED


def test_a_worker_killed_in_the_middle_of_a_task_leaves_nothing_and_the_task_completes_on_the_other(
    transactional_db, two_workers, tmp_path
):
    label = f"task-{uuid.uuid4().hex[:8]}"
    hold = tmp_path / "held"
    write_probe_row_slowly.delay(label, str(hold), 60)
    holder_pid = int(_wait(lambda: hold.exists() and hold.read_text().strip(), what=f"task started\n{_logs(two_workers)}"))
    holder = next(w for w in two_workers if w.pid == holder_pid)
    other = next(w for w in two_workers if w is not holder)

    _kill(holder)
    time.sleep(1)
    assert not ProbeRow.objects.filter(label=label).exists()  # its transaction died with it

    # unacknowledged, the task goes back to the queue after the visibility timeout
    _wait(lambda: ProbeRow.objects.filter(label=label).exists(), timeout=VISIBILITY + 30, what=f"redelivered\n{_logs([other])}")
    time.sleep(1)
    assert list(ProbeRow.objects.filter(label=label).values_list("pid", flat=True)) == [other.pid]


def test_two_competing_workers_render_each_decision_letter_once(transactional_db, two_workers, seat_committee, make_user):
    from approvals.models import Decision, Letter
    from tests.members.factories import ApplicationFactory
    from tests.members.test_workflow import to_copil, vote_all

    seat_committee("copil", members=6, chair_email="chair@example.org")
    reviewer = make_user("membership_group")
    ballot = to_copil(ApplicationFactory(), reviewer)
    vote_all(ballot, "approve")  # the deciding vote records the decision and queues its letter
    for _ in range(4):  # several relays compete for it
        kick_relay()

    decision = Decision.objects.get(ballot_id=ballot.pk)
    _wait(
        lambda: Letter.objects.filter(decision=decision, render_status=Letter.RenderStatus.DONE).exists(),
        what=f"letter rendered\n{_logs(two_workers)}",
    )
    time.sleep(2)  # a second rendering, if any, would land now
    letters = list(Letter.objects.filter(decision=decision))
    assert len(letters) == 1 and letters[0].revision == 1 and letters[0].file
    recorded = OutboxMessage.objects.filter(topic="decision.recorded", payload__decision=decision.pk)
    assert recorded.exists() and set(recorded.values_list("status", "attempts")) == {(OutboxMessage.Status.DELIVERED, 1)}
