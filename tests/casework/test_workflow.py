"""The decision clock and the country focal point's assessment."""

from datetime import timedelta

from django.utils import timezone

from approvals.models import Notification
from approvals.services import run_timers
from casework.models import Case, CaseAccessLog
from casework.services import case_assign, case_request_assessment

from .factories import LEGAL_NAME, PHONE, WHEREABOUTS, make_case


def test_the_chair_is_alerted_halfway_and_the_case_flagged_overdue(emergency, chair, officer, relay_outbox, mailoutbox):
    # given a critical case received 13 hours ago (its deadline is 24 hours after receipt)
    received = timezone.now() - timedelta(hours=13)
    case = make_case(urgency="critical", received_at=received)
    Case.objects.filter(pk=case.pk).update(state_entered_at=received)
    case_assign(case_id=case.pk, officer=officer, by=chair)

    # when the timers run (twice: alerts go out once)
    run_timers()
    run_timers()
    relay_outbox()

    # then the chair and the officer are alerted halfway, by a mail that says nothing
    halfway = Notification.objects.filter(subject__contains="mi-délai", dossier_reference=case.reference)
    assert sorted(n.recipient_id for n in halfway) == sorted([chair.pk, officer.pk])
    assert all(LEGAL_NAME not in m.body and case.reference not in m.subject for m in mailoutbox)

    # and once the 24 hours have passed, the case is overdue
    run_timers(now=received + timedelta(hours=25))
    relay_outbox()
    assert Notification.objects.filter(subject__contains="En retard", recipient=chair).exists()


def test_a_country_focal_point_assesses_once_without_seeing_the_identity(emergency, chair, officer, make_user, client_for):
    case = make_case(country="CG")
    case_assign(case_id=case.pk, officer=officer, by=chair)
    asked = make_user("country_focal_point", country="CG")
    other = make_user("country_focal_point", country="CG")
    case_request_assessment(case_id=case.pk, focal_point=asked, by=officer)

    client = client_for(asked)
    form = client.get(f"/urgence/cas/{case.reference}/evaluation/")
    assert form.status_code == 200
    page = form.content.decode()
    for secret in (LEGAL_NAME, PHONE, WHEREABOUTS):
        assert secret not in page
    assert client.get(f"/urgence/cas/{case.reference}/").status_code == 404
    assert client_for(other).get(f"/urgence/cas/{case.reference}/evaluation/").status_code == 404

    response = client.post(
        f"/urgence/cas/{case.reference}/evaluation/",
        {"risk_level": "high", "urgency": "high", "risk_assessment": "Confirmé par la coordination locale."},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.risk_level, case.urgency, case.assessed_by) == ("high", "high", asked)
    # a changed urgency moves the deadline, still counted from receipt
    assert case.deadline_at == case.received_at + timedelta(hours=72)
    # one assessment, then the form is gone
    assert client.get(f"/urgence/cas/{case.reference}/evaluation/").status_code == 404
    assert CaseAccessLog.objects.filter(user=asked, case=case, part="assessment").count() == 1
