"""What a case page offers is decided in one place (casework.permissions.case_actions):
the forms and buttons follow the state, the reader's rights and the transitions' conditions."""

from approvals.services import perform
from casework.models import Case
from casework.permissions import case_actions
from casework.services import case_assess, case_assign

from .factories import make_case

SEND = "Ouvrir le scrutin du comité"
FAST_TRACK = "Ouvrir la décision accélérée"
REFER = "Orienter vers un autre fonds"
ASSESS = '/evaluation/">'  # the link to the assessment form
TRANCHE = "Enregistrer une tranche"


def _page(client_for, user, case) -> str:
    response = client_for(user).get(f"/urgence/cas/{case.reference}/")
    assert response.status_code == 200
    return response.content.decode()


def _assess(case, officer):
    case_assess(case_id=case.pk, by=officer, risk_level="high", urgency=case.urgency, risk_assessment="Menaces répétées.")


def test_the_committee_is_offered_only_once_the_risk_is_assessed(emergency, chair, officer, client_for):
    # given a case in verification, with its officer
    case = make_case()
    case_assign(case_id=case.pk, officer=officer, by=chair)
    perform(case, "start_verification", by=officer)
    # then, before the assessment, the officer may assess but not yet send it to the committee
    page = _page(client_for, officer, case)
    assert ASSESS in page and SEND not in page
    assert "send_to_committee" not in case_actions(officer, case)
    # when the risk is assessed
    _assess(case, officer)
    case.refresh_from_db()
    # then the committee can be asked, and the assessment can still be revised
    page = _page(client_for, officer, case)
    assert SEND in page and ASSESS in page
    # the officer may not decide: no fast track, no referral elsewhere, no assignment
    assert FAST_TRACK not in page and REFER not in page and "Confier le cas" not in page


def test_the_chair_alone_decides_a_critical_case_and_only_a_critical_one(emergency, chair, officer, client_for):
    critical = make_case(urgency="critical")
    standard = make_case(urgency="standard")
    for case in (critical, standard):
        case_assign(case_id=case.pk, officer=officer, by=chair)
        perform(case, "start_verification", by=officer)
    assert FAST_TRACK in _page(client_for, chair, critical)
    assert FAST_TRACK not in _page(client_for, chair, standard)
    assert "fast_track" in case_actions(chair, critical) and "fast_track" not in case_actions(chair, standard)
    # both may be referred elsewhere by the chair while they are being verified
    assert REFER in _page(client_for, chair, standard)
    assert FAST_TRACK not in _page(client_for, officer, critical)


def test_an_ended_case_offers_no_form_but_its_history(emergency, chair, officer, client_for):
    case = make_case()
    case_assign(case_id=case.pk, officer=officer, by=chair)
    perform(case, "withdraw", by=officer)
    assert case.state == Case.State.WITHDRAWN
    actions = case_actions(officer, case)
    # nothing moves the case any more; the assessment and the tranches are closed
    assert not actions & {"assess", "send_to_committee", "fast_track", "refer_elsewhere", "request_disbursement", "withdraw", "hold"}
    page = _page(client_for, officer, case)
    assert ASSESS not in page and SEND not in page and TRANCHE not in page
    assert 'action="/dossiers/' not in page


def test_a_member_of_the_committee_reads_without_acting(emergency, committee_members, chair, officer, client_for):
    member = committee_members[0]
    case = make_case()
    case_assign(case_id=case.pk, officer=officer, by=chair)
    actions = case_actions(member, case)
    assert not actions & {"assess", "start_verification", "request_assessment", "add_document", "assign", "withdraw"}
    page = _page(client_for, member, case)
    assert ASSESS not in page and "Commencer la vérification" not in page
