"""A decision taken while Redis is down still commits; its notification,
recorded in the outbox in the same transaction, is delivered by the real
worker once Redis is back and Celery beat ticks, and only once."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission

from approvals.models import Ballot, Committee, Decision, Notification, OutboxMessage
from approvals.services import dossier_create, perform, vote_cast
from tests.dossiers.models import Petition
from tests.factories import UserFactory
from tests.integration.conftest import ROOT, _test_database_url

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def wait_until(predicate, timeout=45):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def celery_beat(tmp_path):
    """Start a real `celery beat` relaying the outbox every second."""
    processes = []

    def start():
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="tests.settings",
            DATABASE_URL=_test_database_url(),
            RELAIS_OUTBOX_RELAY_SECONDS="1",
            DB_CONN_MAX_AGE="0",
            PYTHONPATH=str(ROOT),
        )
        celery = Path(sys.executable).with_name("celery")
        log = open(tmp_path / "beat.log", "wb")
        processes.append(
            subprocess.Popen(
                [str(celery), "-A", "config", "beat", "--loglevel=INFO", "-s", str(tmp_path / "beat-schedule")],
                cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            )
        )  # fmt: skip

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_a_decision_with_redis_down_is_notified_once_redis_is_back(celery_worker_process, redis_control, celery_beat):
    # given a ballot one approval away from its decision
    committee = Committee.objects.get(code="copil")
    members = [UserFactory(roles=["copil_member"]) for _ in range(3)]
    committee.chair = members[0]
    committee.save()
    committee.members.set(members)
    owner = UserFactory(roles=["applicant"], email="owner-redis@example.org")
    reviewer = UserFactory(roles=["membership_group"])
    reviewer.user_permissions.add(*Permission.objects.filter(codename__in=["review_petition", "view_petition"]))
    petition = dossier_create(Petition, by=owner, grant_owner=("view", "change"), title="Redis")
    perform(petition, "submit", by=owner)
    perform(petition, "send_to_committee", by=reviewer)
    ballot = Ballot.objects.get(dossier_reference=petition.reference)
    vote_cast(ballot_id=ballot.pk, by=members[0], choice="approve")
    assert wait_until(lambda: not OutboxMessage.objects.filter(status="pending").exists())
    delivered_before = Notification.objects.filter(recipient=owner).count()

    # when Redis dies and the deciding vote comes in
    redis_control.stop()
    try:
        vote_cast(ballot_id=ballot.pk, by=members[1], choice="approve")

        # then the decision is taken and the dossier moved, all committed
        assert Decision.objects.filter(ballot=ballot, outcome="approve").count() == 1
        petition.refresh_from_db()
        assert petition.state == Petition.State.APPROVED
        # and the applicant's notification waits in the outbox
        time.sleep(2)
        pending = OutboxMessage.objects.filter(status="pending", topic="notify", payload__recipient=owner.pk)
        assert pending.count() == 1
        assert Notification.objects.filter(recipient=owner).count() == delivered_before
    finally:
        redis_control.start()

    # when Redis is back and beat ticks, the real worker delivers it
    celery_beat()
    assert wait_until(lambda: Notification.objects.filter(recipient=owner).count() == delivered_before + 1), (
        celery_worker_process.log()[-3000:]
    )
    # and only once, however many more times the relay runs
    time.sleep(4)
    assert Notification.objects.filter(recipient=owner).count() == delivered_before + 1
    approved = Notification.objects.filter(recipient=owner, subject__contains="Approuvée")
    assert approved.count() == 1
    assert celery_worker_process.log().count(f"To: {owner.email}") == delivered_before + 1
