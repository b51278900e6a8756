from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from approvals.models import Ballot, Decision, Notification, OutboxMessage
from approvals.registry import outbox_handler
from approvals.services import ballot_close_if_due, enqueue, perform, relay, run_timers
from tests.dossiers.models import Petition


def test_a_notification_is_delivered_once_however_often_the_relay_runs(make_petition, mailoutbox, reviewer):
    petition = make_petition()
    perform(petition, "submit", by=reviewer.__class__.objects.get(pk=petition.owner_id))
    perform(petition, "send_to_committee", by=reviewer)  # the owner is told
    relay()
    relay()
    OutboxMessage.objects.update(status=OutboxMessage.Status.PENDING)  # as if a worker died before marking
    relay()
    notes = Notification.objects.filter(recipient=petition.owner)
    assert notes.count() == 1
    assert len([m for m in mailoutbox if petition.owner.email in m.to]) == 1


def test_the_relay_runs_after_commit(make_petition, reviewer, django_capture_on_commit_callbacks, monkeypatch):
    from config.celery import app

    # in-process here; the real worker on Redis is proven in tests/integration
    monkeypatch.setitem(app.conf, "task_always_eager", True)
    petition = make_petition()
    perform(petition, "submit", by=petition.owner)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        perform(petition, "send_to_committee", by=reviewer)
    assert len(callbacks) == 1  # one kick, however many messages the transaction recorded
    assert Notification.objects.filter(recipient=petition.owner).exists()
    assert not OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).exists()


calls = []


@outbox_handler("test.flaky")
def _flaky(payload, message):
    calls.append(payload["n"])
    raise ConnectionError("the mail server is away")


def test_a_failing_handler_is_retried_with_back_off_then_marked_failed(db, settings):
    from django.db import transaction

    settings.RELAIS_OUTBOX_MAX_ATTEMPTS = 3
    with transaction.atomic():
        message = enqueue("test.flaky", {"n": 1})
    relay()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1 and message.available_at > timezone.now()
    assert "ConnectionError" in message.last_error
    relay()  # not yet due: nothing happens
    assert calls.count(1) == 1
    for _ in range(2):
        OutboxMessage.objects.filter(pk=message.pk).update(available_at=timezone.now())
        relay()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED and message.attempts == 3


def test_drain_outbox_command_delivers_without_celery(make_petition, reviewer, capsys):
    petition = make_petition()
    perform(petition, "submit", by=petition.owner)
    perform(petition, "send_to_committee", by=reviewer)
    call_command("drain_outbox")
    assert "still pending 0" in capsys.readouterr().out
    assert Notification.objects.filter(recipient=petition.owner).exists()


def test_a_ballot_past_its_deadline_without_quorum_expires_and_alerts_the_chair(copil, reviewer, make_petition, client_for):
    petition = make_petition()
    perform(petition, "submit", by=petition.owner)
    perform(petition, "send_to_committee", by=reviewer)
    ballot = Ballot.objects.get(dossier_reference=petition.reference)
    client_for(copil.members.exclude(pk=copil.chair_id).first()).post(f"/scrutins/{ballot.pk}/voter/", {"choice": "approve"})
    # when the deadline passes with one vote of six
    ballot_close_if_due(ballot_id=ballot.pk, now=ballot.deadline + timedelta(minutes=1))
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.EXPIRED
    petition.refresh_from_db()
    assert petition.state == Petition.State.REVIEW
    relay()
    alert = Notification.objects.get(recipient=copil.chair, subject__contains="expiré")
    assert petition.reference in alert.subject


def test_a_ballot_past_its_deadline_with_quorum_is_decided_on_the_votes_cast(copil, reviewer, make_petition, client_for):
    petition = make_petition()
    perform(petition, "submit", by=petition.owner)
    perform(petition, "send_to_committee", by=reviewer)
    ballot = Ballot.objects.get(dossier_reference=petition.reference)
    members = list(copil.members.order_by("email"))
    # four of seven (quorum), not yet certain: three more could still reject
    for member, choice in zip(members[:4], ["approve", "approve", "approve", "reject"]):
        client_for(member).post(f"/scrutins/{ballot.pk}/voter/", {"choice": choice})
    ballot.refresh_from_db()
    assert ballot.is_open
    ballot_close_if_due(ballot_id=ballot.pk, now=ballot.deadline + timedelta(seconds=1))
    petition.refresh_from_db()
    assert petition.state == Petition.State.APPROVED


def test_timers_remind_alert_halfway_flag_overdue_and_expire_once(make_petition, make_user):
    handler = make_user("case_officer")
    petition = make_petition(handler=handler)
    perform(petition, "submit", by=petition.owner)
    petition.refresh_from_db()
    deadline = petition.deadline_at
    assert deadline - petition.state_entered_at == timedelta(days=10)
    assert not petition.is_overdue

    # halfway, and within the 7-day reminder
    counts = run_timers(now=petition.state_entered_at + timedelta(days=5, minutes=1))
    assert counts["halfway"] == 1 and counts["reminders"] == 1
    assert run_timers(now=petition.state_entered_at + timedelta(days=5, minutes=2))["halfway"] == 0
    # two days before: the second reminder only
    counts = run_timers(now=deadline - timedelta(days=1))
    assert counts == {"reminders": 1, "halfway": 0, "overdue": 0, "expired": 0}
    # past the deadline the kind's deadline transition fires by itself
    counts = run_timers(now=deadline + timedelta(minutes=1))
    assert counts["expired"] == 1
    petition.refresh_from_db()
    assert petition.state == Petition.State.EXPIRED
    relay()
    subjects = list(Notification.objects.filter(recipient=handler).values_list("subject", flat=True))
    assert len([s for s in subjects if s.startswith("Rappel")]) == 2
    assert len([s for s in subjects if s.startswith("À mi-délai")]) == 1


def test_an_overdue_dossier_is_flagged_where_it_is_listed(make_petition, make_user, client_for, reviewer):
    handler = make_user("case_officer")
    petition = make_petition(handler=handler)
    perform(petition, "submit", by=petition.owner)
    perform(petition, "send_to_committee", by=reviewer)
    Petition.objects.filter(pk=petition.pk).update(deadline_at=timezone.now() - timedelta(hours=1))
    petition.refresh_from_db()
    assert petition.is_overdue
    page = client_for(reviewer).get(f"/dossiers/{petition.reference}/").content.decode()
    assert 'class="overdue"' in page
    counts = run_timers()
    assert counts["overdue"] == 1
    assert run_timers()["overdue"] == 0


def test_the_state_graph_is_an_svg_picture(client_for, make_user):
    response = client_for(make_user("applicant")).get("/aide/circuits/dossiers.petition.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert "<svg" in svg and "Approuvée" in svg and "Examen par le comité" in svg
    page = client_for(make_user("applicant")).get("/aide/circuits/").content.decode()
    assert "dossiers.petition.svg" in page


def test_inbox_lists_and_marks_read(make_petition, reviewer, client_for):
    petition = make_petition()
    perform(petition, "submit", by=petition.owner)
    perform(petition, "send_to_committee", by=reviewer)
    relay()
    client = client_for(petition.owner)
    page = client.get("/boite/").content.decode()
    assert petition.reference in page
    client.post("/boite/lu/")
    assert not Notification.objects.filter(recipient=petition.owner, read_at__isnull=True).exists()


def test_a_ballot_that_cannot_close_does_not_stop_the_others(copil, reviewer, make_petition, client_for, monkeypatch):
    from approvals.services import TransitionRefused, close_due_ballots

    first, second = make_petition(), make_petition()
    for petition in (first, second):
        perform(petition, "submit", by=petition.owner)
        perform(petition, "send_to_committee", by=reviewer)
    ballots = list(Ballot.objects.filter(dossier_reference__in=[first.reference, second.reference]).order_by("pk"))
    for ballot in ballots:  # four of seven: quorum, approve 3 to 1, not yet certain
        for member, choice in zip(list(copil.members.order_by("email"))[:4], ["approve", "approve", "approve", "reject"]):
            client_for(member).post(f"/scrutins/{ballot.pk}/voter/", {"choice": choice})
    # the first dossier's approval is refused by its domain (say, a fund too small)
    original = Petition.transitioned

    def refuse_first(self, entry):
        if self.pk == first.pk and entry.to_state == Petition.State.APPROVED:
            raise TransitionRefused("fonds insuffisant")
        return original(self, entry)

    monkeypatch.setattr(Petition, "transitioned", refuse_first)
    later = max(b.deadline for b in ballots) + timedelta(minutes=1)
    assert close_due_ballots(now=later) == 1
    ballots[0].refresh_from_db()
    assert ballots[0].is_open and not Decision.objects.filter(ballot=ballots[0]).exists()
    second.refresh_from_db()
    assert second.state == Petition.State.APPROVED


def test_a_postponed_deadline_gets_its_reminders_again(make_petition, make_user):
    handler = make_user("case_officer")
    petition = make_petition(handler=handler)
    perform(petition, "submit", by=petition.owner)
    petition.refresh_from_db()
    first_deadline = petition.deadline_at
    assert run_timers(now=first_deadline - timedelta(days=1))["reminders"] == 2
    assert run_timers(now=first_deadline - timedelta(days=1))["reminders"] == 0
    # when the deadline is postponed by a week
    Petition.objects.filter(pk=petition.pk).update(deadline_at=first_deadline + timedelta(days=7))
    # then the reminders before the new deadline go out again, once
    assert run_timers(now=first_deadline + timedelta(days=6))["reminders"] == 2
    assert run_timers(now=first_deadline + timedelta(days=6))["reminders"] == 0
