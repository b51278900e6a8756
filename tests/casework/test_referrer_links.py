"""A notification sends each recipient to a page they may open, and names
the state as that page does: the referrer of a case its status page and
public label, the officer the case and the state's own label."""

from approvals.access import grant
from approvals.models import Notification
from approvals.services import perform
from casework.models import Case

from .factories import make_case


def test_the_referrer_is_told_of_a_step_with_a_link_to_its_status_page_not_the_case(
    emergency, chair, officer, make_user, client_for, relay_outbox
):
    from casework.services import case_assign

    referrer = make_user("member_focal_point", email="pf.orientation@example.org")
    case = make_case(by=referrer, intake=Case.Intake.REFERRAL, referred_by=referrer)
    grant(referrer, case, "view_status")
    case_assign(case_id=case.pk, officer=officer, by=chair)

    perform(case, "start_verification", by=chair)
    relay_outbox()

    told = Notification.objects.get(recipient=referrer, subject__contains=case.reference)
    assert told.url == f"/urgence/orientations/{case.reference}/"
    assert client_for(referrer).get(told.url).status_code == 200
    assert client_for(referrer).get(case.get_absolute_url()).status_code == 403
    # the officer is sent to the case itself, which they may open
    officer_note = Notification.objects.filter(recipient=officer, url=case.get_absolute_url()).order_by("-id").first()
    assert client_for(officer).get(officer_note.url).status_code == 200
    # each reads the state as their page names it
    assert "En cours de vérification" in told.subject
    assert "Vérification" in officer_note.subject and "En cours de vérification" not in officer_note.subject
