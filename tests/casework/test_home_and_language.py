"""What waits for each person on the home page, in their language."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from approvals.services import perform
from casework.services import case_assign, case_send_to_committee, case_assess

from .factories import FundFactory, make_case


def test_home_shows_cases_to_decide_my_cases_and_disbursements_to_confirm(emergency, chair, committee_members, officer, client_for):
    fund = FundFactory(contributions=["1000000"])
    late = make_case(code_name="Héron-1", received_at=timezone.now() - timedelta(days=11), requested_amount=Decimal("1000"))
    case_assign(case_id=late.pk, officer=officer, by=chair)
    perform(late, "start_verification", by=officer)
    case_assess(case_id=late.pk, by=officer, risk_level="high", urgency="standard", risk_assessment="ok")
    case_send_to_committee(case_id=late.pk, by=officer, proposed_amount=Decimal("1000"), fund_id=fund.pk)

    member_home = client_for(committee_members[0]).get("/").content.decode()
    assert "Cas à décider" in member_home and late.reference in member_home and "En retard" in member_home
    officer_home = client_for(officer).get("/").content.decode()
    assert "Mes cas" in officer_home and late.reference in officer_home
    chair_home = client_for(chair).get("/").content.decode()
    assert "Décaissements à confirmer" in chair_home


def test_pages_speak_english_to_english_speakers(emergency, make_user, client_for):
    member = make_user("emergency_member", preferred_language="en")
    make_case()
    page = client_for(member).get("/").content.decode()
    assert "Cases to decide" in page
    assert "Request received" not in page
    assert "Emergency cases" in client_for(member).get("/urgence/cas/").content.decode()

