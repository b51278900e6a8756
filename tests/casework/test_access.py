"""Only the emergency committee and the assigned officer see a case; every
read is logged. Policy: whoever may not know a case exists gets 404 (its
existence does not leak); the referring focal point, who knows, gets 403
outside the status page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from approvals.access import grant
from casework.models import CaseAccessLog
from casework.services import case_assign, document_add

from .factories import LEGAL_NAME, make_case
from tests.uploads.samples import pdf_bytes

PDF = pdf_bytes("proof")


@pytest.fixture
def case(emergency, chair, officer):
    case = make_case()
    case_assign(case_id=case.pk, officer=officer, by=chair)
    return case


@pytest.fixture
def document(case, officer):
    return document_add(case_id=case.pk, by=officer, kind="proof", upload=SimpleUploadedFile("p.pdf", PDF))


def _urls(case, document):
    return {
        "summary": f"/urgence/cas/{case.reference}/",
        "identity": f"/urgence/cas/{case.reference}/identite/",
        "document": f"/urgence/cas/{case.reference}/documents/{document.pk}/",
        "letter": f"/urgence/cas/{case.reference}/lettres/1/",
        "timeline": f"/dossiers/{case.reference}/",
    }


@pytest.mark.parametrize("role", ["copil_member", "copil_chair", "auditor", "applicant", "case_officer", "country_focal_point"])
def test_outsiders_cannot_tell_the_case_exists(role, case, document, make_user, client_for):
    outsider = make_user(role, country="CG")
    client = client_for(outsider)
    for part, url in _urls(case, document).items():
        response = client.get(url)
        assert response.status_code == 404, (part, response.status_code)
        assert LEGAL_NAME not in response.content.decode()
    assert client.get(f"/urgence/cas/{case.reference}/evaluation/").status_code == 404
    assert case.reference not in client.get("/urgence/cas/").content.decode()
    assert not CaseAccessLog.objects.filter(user=outsider).exists()


def test_the_referrer_sees_the_status_only(case, document, make_user, client_for):
    referrer = make_user("member_focal_point")
    grant(referrer, case, "view_status")
    client = client_for(referrer)
    for part in ("summary", "identity", "document", "letter"):
        assert client.get(_urls(case, document)[part]).status_code == 403, part
    page = client.get(f"/urgence/orientations/{case.reference}/")
    assert page.status_code == 200
    assert "Demande reçue" in page.content.decode() and "Colibri" not in page.content.decode()


def test_every_allowed_view_is_logged_and_the_chair_reads_the_log(case, document, chair, committee_members, officer, client_for):
    readers = [chair, committee_members[0], officer]
    for reader in readers:
        client = client_for(reader)
        for part in ("summary", "identity", "document", "timeline"):
            assert client.get(_urls(case, document)[part]).status_code == 200, (reader, part)
        assert LEGAL_NAME in client.get(_urls(case, document)["identity"]).content.decode()
    for reader in readers:
        parts = set(CaseAccessLog.objects.filter(case=case, user=reader).values_list("part", flat=True))
        assert parts == {"summary", "identity", "document", "timeline"}
    entry = CaseAccessLog.objects.filter(user=officer).first()
    assert entry.ip_hash and "127.0.0.1" not in entry.ip_hash

    log_page = client_for(chair).get(f"/urgence/journal/?cas={case.reference}")
    assert log_page.status_code == 200
    assert str(officer) in log_page.content.decode()
    assert client_for(committee_members[0]).get("/urgence/journal/").status_code == 403
    assert client_for(officer).get("/urgence/journal/").status_code == 403


def test_a_reassigned_officer_loses_access(case, chair, officer, make_user, client_for):
    other = make_user("case_officer")
    case_assign(case_id=case.pk, officer=other, by=chair)
    assert client_for(officer).get(f"/urgence/cas/{case.reference}/").status_code == 404
    assert client_for(other).get(f"/urgence/cas/{case.reference}/").status_code == 200


def test_the_case_list_costs_the_same_for_5_or_50_cases(emergency, chair, client_for, django_assert_max_num_queries):
    client = client_for(chair)
    for _ in range(5):
        make_case()
    client.get("/urgence/cas/")
    with django_assert_max_num_queries(14) as five:
        assert client.get("/urgence/cas/").status_code == 200
    for _ in range(45):
        make_case()
    with django_assert_max_num_queries(len(five.captured_queries)):
        page = client.get("/urgence/cas/").content.decode()
    assert page.count("/urgence/cas/URG-") == 50


def test_the_decision_letter_is_for_the_committee_and_the_officer_and_each_download_is_logged(
    emergency, chair, officer, make_user, client_for, relay_outbox
):
    from decimal import Decimal

    from approvals.models import Ballot, Letter
    from approvals.services import vote_cast
    from casework.services import case_fast_track

    from .factories import FundFactory

    # given a critical case the chair granted, and the letter rendered in the background
    fund = FundFactory(contributions=["500000"])
    case = make_case(urgency="critical")
    case_assign(case_id=case.pk, officer=officer, by=chair)
    case_fast_track(case_id=case.pk, by=chair, proposed_amount=Decimal("100000"), fund_id=fund.pk)
    vote_cast(ballot_id=Ballot.objects.get(dossier_reference=case.reference, status="open").pk, by=chair, choice="approve")
    relay_outbox()
    letter = Letter.objects.get(dossier_reference=case.reference, kind="emergency_granted")
    assert letter.file
    url = f"/urgence/cas/{case.reference}/lettres/{letter.pk}/"

    # then outsiders cannot tell it exists, the referrer is refused, and readers are logged
    for role in ("copil_member", "auditor", "applicant", "case_officer"):
        assert client_for(make_user(role)).get(url).status_code == 404, role
    referrer = make_user("member_focal_point")
    grant(referrer, case, "view_status")
    assert client_for(referrer).get(url).status_code == 403
    for reader in (chair, officer):
        response = client_for(reader).get(url)
        assert response.status_code == 200 and response.content[:2] == b"PK"
        assert CaseAccessLog.objects.filter(case=case, user=reader, part="letter").count() == 1
    assert LEGAL_NAME.encode() not in response.content


def test_incident_list_and_access_log_cost_the_same_for_5_or_50_rows(emergency, chair, client_for, django_assert_max_num_queries):
    from casework.services import access_log_record, incident_record

    client = client_for(chair)

    def add(count):
        for _ in range(count):
            case = make_case()
            access_log_record(user=chair, case=case, part="summary")
            incident_record(
                by=chair,
                data={"country": "CM", "occurred_on": "2026-01-05", "kind": "threat", "source": "media", "severity": "low"},
                case_references=[case.reference],
            )

    add(5)
    counts = {}
    for url in ("/urgence/incidents/", "/urgence/journal/"):
        client.get(url)
        with django_assert_max_num_queries(20) as captured:
            client.get(url)
        counts[url] = len(captured.captured_queries)
    add(45)
    for url, count in counts.items():
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200
