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



def test_new_requests_wait_on_the_chairs_home_then_on_the_officers_with_reference_and_urgency_only(
    emergency, chair, officer, make_user, client_for
):
    from casework.models import CaseAccessLog

    critical = make_case(code_name="Baobab-Hibou-12", urgency="critical")
    standard = make_case(code_name="Karité-Vanneau-40")

    # the chair: both new requests, most urgent first, nothing but reference and urgency
    home = client_for(chair).get("/").content.decode()
    section = home[home.index("Nouvelles demandes d&#x27;aide à confier") :]
    assert section.index(critical.reference) < section.index(standard.reference)
    assert "Critique (24 h)" in section and "Normale (10 jours)" in section
    assert "Baobab" not in home and "Karité" not in home and "Ernestine" not in home
    # listing is not a read
    assert not CaseAccessLog.objects.exists()

    # given to an officer, the request leaves the chair's list for the officer's
    case_assign(case_id=critical.pk, officer=officer, by=chair)
    home = client_for(chair).get("/").content.decode()
    assert critical.reference not in home.split("Nouvelles demandes d&#x27;aide à confier")[1].split("</section>")[0]
    officer_home = client_for(officer).get("/").content.decode()
    new = officer_home.split("Nouvelles demandes à vérifier")[1].split("</section>")[0]
    assert critical.reference in new and "Critique (24 h)" in new
    assert "Baobab" not in officer_home
    # once verification starts it is one of the officer's cases, no longer new
    perform(critical, "start_verification", by=officer)
    officer_home = client_for(officer).get("/").content.decode()
    assert critical.reference not in officer_home.split("Nouvelles demandes à vérifier")[1].split("</section>")[0]
    assert critical.reference in officer_home.split("Mes cas")[1]
    assert not CaseAccessLog.objects.exists()

    # a committee member is not asked to assign: no such section
    member = emergency.members.exclude(pk=chair.pk).first()
    assert "Nouvelles demandes" not in client_for(member).get("/").content.decode()


def test_a_country_focal_point_finds_the_assessment_asked_of_them_and_can_open_it(emergency, chair, officer, make_user, client_for):
    from casework.services import case_request_assessment

    focal_point = make_user("country_focal_point", email="pf.cg@example.org", country="CG")
    case = make_case(urgency="high")
    case_assign(case_id=case.pk, officer=officer, by=chair)
    client = client_for(focal_point)
    assert "Aucune évaluation du risque ne vous est demandée." in client.get("/").content.decode()

    case_request_assessment(case_id=case.pk, focal_point=focal_point, by=officer)

    home = client.get("/").content.decode()
    link = f'href="/urgence/cas/{case.reference}/evaluation/"'
    assert link in home and "Élevée (72 h)" in home
    assert client.get(f"/urgence/cas/{case.reference}/evaluation/").status_code == 200
    # the case page itself stays closed to them, and the home never links there
    assert f'href="/urgence/cas/{case.reference}/"' not in home
