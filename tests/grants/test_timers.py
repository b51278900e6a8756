"""Deadlines: the call's own deadline drives reminders and expiry; the
weekly digest goes to the fundraising group once a week."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from approvals.models import Ballot, Notification
from approvals.services import perform, run_timers
from grants.models import Opportunity
from grants.services import digest_send, opportunity_assess
from tests.grants.factories import make_opportunity


def _board_parts(client):
    page = client.get("/financements/").content.decode()
    open_part, _sep, closed_part = page.partition('id="closed"')
    return open_part, closed_part


def test_an_untouched_call_whose_deadline_passes_expires_and_leaves_the_open_columns(fundraiser, client_for):
    # given a call spotted with its deadline in three days, and nobody touching it
    opportunity = make_opportunity(by=fundraiser, title="Appel oublié", days_left=3)
    client = client_for(fundraiser)
    open_part, closed_part = _board_parts(client)
    assert opportunity.reference in open_part and opportunity.reference not in closed_part
    # when the timers run after the deadline
    counts = run_timers(now=timezone.now() + timedelta(days=3, hours=1))
    # then the call expired by itself
    opportunity.refresh_from_db()
    assert opportunity.state == Opportunity.State.EXPIRED and counts["expired"] == 1
    assert opportunity.deadline_at is None
    # and it left the open columns for the closed list
    open_part, closed_part = _board_parts(client)
    assert opportunity.reference not in open_part and opportunity.reference in closed_part


def test_a_submitted_call_does_not_expire(fundraiser, copil, vote):
    opportunity = make_opportunity(by=fundraiser, days_left=10)
    opportunity_assess(reference=opportunity.reference, by=fundraiser, eligibility_met=True, capacity_rating=3)
    perform(opportunity, "propose_to_copil", by=fundraiser)
    vote(Ballot.objects.get(dossier_reference=opportunity.reference), list(copil.members.order_by("email"))[:4])
    perform(opportunity, "submit", by=fundraiser)
    run_timers(now=timezone.now() + timedelta(days=11))
    opportunity.refresh_from_db()
    assert opportunity.state == Opportunity.State.SUBMITTED


def test_a_call_expiring_during_the_go_no_go_vote_cancels_the_ballot(fundraiser, copil):
    opportunity = make_opportunity(by=fundraiser, days_left=5)
    opportunity_assess(reference=opportunity.reference, by=fundraiser, eligibility_met=True, capacity_rating=3)
    perform(opportunity, "propose_to_copil", by=fundraiser)
    run_timers(now=timezone.now() + timedelta(days=6))
    ballot = Ballot.objects.get(dossier_reference=opportunity.reference)
    assert ballot.status == Ballot.Status.CANCELLED


def test_reminders_go_out_30_14_7_and_2_days_before_the_deadline_once_each(fundraiser, relay_outbox):
    opportunity = make_opportunity(by=fundraiser, days_left=40)
    start = timezone.now()
    for days_before in (30, 14, 7, 2):
        run_timers(now=opportunity.deadline_at - timedelta(days=days_before) + timedelta(minutes=1))
        run_timers(now=opportunity.deadline_at - timedelta(days=days_before) + timedelta(minutes=2))
    relay_outbox()
    reminders = Notification.objects.filter(recipient=fundraiser, subject__startswith="Rappel", dossier_reference=opportunity.reference)
    assert reminders.count() == 4
    assert start < opportunity.deadline_at


def test_the_concept_note_deadline_comes_first(fundraiser):
    opportunity = make_opportunity(by=fundraiser, days_left=60, concept_days_left=20)
    assert opportunity.deadline_at == opportunity.concept_note_deadline


def test_the_weekly_digest_reaches_the_fundraising_group_once_per_week(fundraiser, make_user, relay_outbox, mailoutbox):
    colleague = make_user("fundraising_group", email="collegue@example.org", country="CD")
    outsider = make_user("copil_member")
    soon = make_opportunity(by=fundraiser, title="Appel proche", days_left=12)
    make_opportunity(by=fundraiser, title="Appel lointain", days_left=120)
    assert digest_send() == 2
    assert digest_send() == 0  # same week: nothing twice
    relay_outbox()
    for person in (fundraiser, colleague):
        note = Notification.objects.get(recipient=person)
        assert "Veille des financements" in note.subject
        assert soon.reference in note.body and "Appel lointain" not in note.body
    assert not Notification.objects.filter(recipient=outsider).exists()
    assert len(mailoutbox) == 2
    # next week, a new digest
    assert digest_send(now=timezone.now() + timedelta(days=7)) == 2


def test_the_weekly_digest_task_is_scheduled_and_thin(settings, fundraiser):
    from grants.tasks import send_weekly_digest

    schedule = settings.CELERY_BEAT_SCHEDULE["grants-weekly-digest"]
    assert schedule["task"] == "grants.tasks.send_weekly_digest"
    make_opportunity(by=fundraiser, days_left=5)
    assert send_weekly_digest() == 1
    assert send_weekly_digest() == 0


def test_the_timers_command_expires_a_missed_call_and_leaves_one_without_deadline(fundraiser):
    missed = make_opportunity(by=fundraiser, days_left=-1)
    rolling = make_opportunity(by=fundraiser, days_left=None)
    assert rolling.deadline_at is None
    call_command("run_timers")
    missed.refresh_from_db()
    rolling.refresh_from_db()
    assert missed.state == Opportunity.State.EXPIRED
    assert rolling.state == Opportunity.State.SPOTTED
