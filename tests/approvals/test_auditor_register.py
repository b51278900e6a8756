"""The register of decisions: every committee decision, across dossier
kinds, read-only, for auditors, the COPIL and the secretariat; emergency
cases anonymised; filters in the address; CSV and XLSX exports."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from approvals.models import Ballot, Committee, Decision, Letter
from approvals.services import ballot_open, vote_cast
from tests.casework.factories import LEGAL_NAME, NARRATIVE, PHONE, WHEREABOUTS, make_case
from tests.letters.conftest import decide, petition_letters, quick_pdf  # noqa: F401  (fixtures)
from tests.letters.factories import DecisionFactory

CODE_NAME = "Colibri-7"


@pytest.fixture
def emergency(make_user):
    committee = Committee.objects.get(code="emergency")
    chair = make_user("emergency_chair", "emergency_member", email="chair.urgence@example.org")
    members = [make_user("emergency_member", email=f"urgence{i}@example.org") for i in range(2)]
    committee.chair = chair
    committee.save(update_fields=["chair"])
    committee.members.set([chair, *members])
    return committee


@pytest.fixture
def decided(petition_letters, make_user, make_petition, club, decide, relay_outbox, emergency):
    """Three decisions: a petition approved (with its letter), a petition
    rejected, and an emergency case granted 450 000 XAF."""
    approved = decide(make_petition(owner=make_user("applicant"), club=club), "approve")
    relay_outbox()
    rejected_petition = make_petition(owner=make_user("applicant"), club=club)
    rejected = decide(rejected_petition, "reject")
    Ballot.objects.filter(pk=rejected.ballot_id).update(question="=HYPERLINK(\"http://evil\")")
    case = make_case(code_name=CODE_NAME)
    ballot = ballot_open(
        dossier=case,
        committee=emergency,
        question=f"Soutenir {CODE_NAME} ({LEGAL_NAME}) ?",
        proposed_amount=Decimal("450000"),
        currency="XAF",
    )
    for member in emergency.members.order_by("email")[:2]:
        vote_cast(ballot_id=ballot.pk, by=member, choice="approve")
    granted = Decision.objects.get(ballot=ballot)
    return {"approved": approved, "rejected": rejected, "granted": granted, "case": case}


def _secrets(case):
    return [CODE_NAME, LEGAL_NAME, PHONE, WHEREABOUTS, NARRATIVE, case.reference]


def test_the_auditor_sees_every_decision_with_its_tally_and_letter_code(decided, make_user, client_for):
    auditor = client_for(make_user("auditor"))

    response = auditor.get("/registre/")

    assert response.status_code == 200
    page = response.content.decode()
    approved, rejected, granted = decided["approved"], decided["rejected"], decided["granted"]
    for decision in (approved, rejected, granted):
        assert decision.reference in page
    assert approved.dossier_reference in page and rejected.dossier_reference in page
    assert "Approuver le dossier" in page or approved.ballot.question in page
    # the tally: four of seven approved the first petition
    assert "4 / 0 / 0 / 0" in page and "0 / 4 / 0 / 0" in page and "2 / 0 / 0 / 0" in page
    # the letter's verification code, linked to the public check
    letter = Letter.objects.get(decision=approved)
    assert letter.display_code in page
    assert f"/verify/?code={letter.display_code}" in page
    # the emergency decision: its reference, outcome and amount, nothing of the person
    assert "450" in page and "XAF" in page
    for secret in _secrets(decided["case"]):
        assert secret not in page
    assert "Soutien d&#x27;urgence (dossier confidentiel)" in page
    # read-only: no form posts anything
    assert 'method="post"' not in page.replace('method="post" action="/compte/deconnexion/"', "").replace(
        'method="post" action="/compte/langue/"', ""
    )
    assert "<script" not in page and "style=" not in page


def test_filters_by_kind_committee_outcome_and_period(decided, make_user, client_for):
    auditor = client_for(make_user("auditor"))
    approved, rejected, granted = decided["approved"], decided["rejected"], decided["granted"]

    by_kind = auditor.get("/registre/", {"kind": "URG"}).content.decode()
    assert granted.reference in by_kind and approved.reference not in by_kind

    by_committee = auditor.get("/registre/", {"committee": "copil"}).content.decode()
    assert approved.reference in by_committee and rejected.reference in by_committee
    assert granted.reference not in by_committee

    by_outcome = auditor.get("/registre/", {"outcome": "reject"}).content.decode()
    assert rejected.reference in by_outcome and approved.reference not in by_outcome

    Decision.objects.filter(pk=approved.pk).update(decided_at=timezone.now() - timezone.timedelta(days=40))
    today = timezone.localdate()
    recent = auditor.get("/registre/", {"date_from": (today - timezone.timedelta(days=7)).isoformat()}).content.decode()
    assert approved.reference not in recent and rejected.reference in recent
    old = auditor.get("/registre/", {"date_to": (today - timezone.timedelta(days=30)).isoformat()}).content.decode()
    assert approved.reference in old and rejected.reference not in old

    # an invalid filter is shown as an error and ignored, not a crash
    response = auditor.get("/registre/", {"date_from": "hier", "outcome": "reject"})
    assert response.status_code == 200
    assert rejected.reference in response.content.decode() and approved.reference not in response.content.decode()


def test_csv_export_follows_the_filters_anonymises_and_neutralises_formulas(decided, make_user, client_for):
    auditor = client_for(make_user("auditor"))

    response = auditor.get("/registre/export.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="registre-decisions-')
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Date", "Décision", "Type de dossier"]
    by_reference = {row[1]: row for row in rows[1:]}
    assert set(by_reference) == {decided["approved"].reference, decided["rejected"].reference, decided["granted"].reference}
    granted = by_reference[decided["granted"].reference]
    assert granted[2] == "URG" and granted[3] == "" and granted[11] == "450000.00" and granted[12] == "XAF"
    assert by_reference[decided["rejected"].reference][5] == "'=HYPERLINK(\"http://evil\")"
    letter = Letter.objects.get(decision=decided["approved"])
    assert by_reference[decided["approved"].reference][13] == letter.display_code
    for secret in _secrets(decided["case"]):
        assert secret not in text

    only_copil = auditor.get("/registre/export.csv", {"committee": "copil"}).content.decode("utf-8-sig")
    assert decided["granted"].reference not in only_copil and decided["approved"].reference in only_copil


def test_xlsx_export(decided, make_user, client_for):
    response = client_for(make_user("auditor")).get("/registre/export.xlsx", {"outcome": "approve"})

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][1] == "Décision"
    assert {row[1] for row in values[1:]} == {decided["approved"].reference, decided["granted"].reference}
    flat = " ".join(str(value) for row in values for value in row if value is not None)
    for secret in _secrets(decided["case"]):
        assert secret not in flat


@pytest.mark.parametrize("roles", [("auditor",), ("copil_member",), ("copil_chair", "copil_member"), ("administrator",)])
def test_readers_of_the_register(roles, make_user, client_for):
    client = client_for(make_user(*roles))
    assert client.get("/registre/").status_code == 200
    assert client.get("/registre/export.csv").status_code == 200
    assert client.get("/registre/export.xlsx").status_code == 200


@pytest.mark.parametrize(
    "roles", [("applicant",), ("case_officer",), ("emergency_member",), ("fundraising_group",), ("member_focal_point",), ()]
)
def test_others_are_refused(roles, make_user, client_for):
    client = client_for(make_user(*roles))
    for url in ("/registre/", "/registre/export.csv", "/registre/export.xlsx"):
        assert client.get(url).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get("/registre/export.csv")
    assert response.status_code == 302 and response["Location"].startswith("/compte/connexion/")


@pytest.mark.parametrize("count", [1, 30])
def test_a_page_costs_a_fixed_number_of_queries(count, petition_letters, make_petition, club, decide, relay_outbox, make_user, client_for, django_assert_num_queries):
    # given one decision taken by ballot, with its letter, and count - 1 more
    decide(make_petition(club=club), "approve")
    relay_outbox()
    DecisionFactory.create_batch(count - 1)
    client = client_for(make_user("auditor"))
    client.get("/registre/")
    # then a page costs the same whether it shows 1 or 30 decisions (the
    # request's own: session, user, second factor, roles; the page's:
    # committees for the filter, the count, the decisions, their letters)
    with django_assert_num_queries(7):
        response = client.get("/registre/")
    assert response.status_code == 200
    assert response.content.decode().count("<tr>") == count + 1  # the header row and one per decision


def test_the_auditor_home_says_what_may_and_may_not_be_seen(decided, make_user, client_for):
    page = client_for(make_user("auditor")).get("/").content.decode()

    assert "Registre des décisions" in page
    assert 'href="/registre/"' in page
    assert "Vous pouvez voir" in page and "Vous ne voyez pas" in page and "lecture seule" in page
    assert "3 décision(s) ces 30 derniers jours" in page
    # the role's generic empty state gives way to the section
    assert "aucune décision nouvelle à consulter" not in page


def test_the_register_is_in_the_menu_of_its_readers_only(make_user, client_for):
    assert 'href="/registre/"' in client_for(make_user("copil_member")).get("/").content.decode()
    assert 'href="/registre/"' not in client_for(make_user("applicant")).get("/").content.decode()


def test_the_register_and_its_export_in_english(decided, make_user, client_for):
    client = client_for(make_user("auditor", preferred_language="en"))

    page = client.get("/registre/").content.decode()
    home = client.get("/").content.decode()
    exported = client.get("/registre/export.csv").content.decode("utf-8-sig")

    assert "Register of decisions" in page and "Emergency support (confidential file)" in page
    assert "You may see" in home and "You do not see" in home
    assert exported.splitlines()[0].startswith("Date;Decision;Kind of file;File;Committee;Question;Outcome")
