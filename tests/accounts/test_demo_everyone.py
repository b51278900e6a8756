"""A demo where everyone can act: every member of every committee and working
group and the partners' focal points sign in with the credentials load_demo
prints; a membership application reaches its COPIL decision and its letter
through HTTP alone; the demo's banner and its "act as" page exist in the
demo only, never in production."""

import json
import time
from base64 import b32decode
from io import StringIO

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP

from accounts.checks import demo_mode_refused_in_production
from accounts.demo import DEMO_PEOPLE, load_users
from accounts.models import User
from approvals.models import Ballot, Committee, Decision, Letter
from approvals.services import relay
from members.models import MembershipApplication

FAKE_PDF = b"%PDF-1.4\n% test stand-in\n%%EOF\n"


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return tmp_path


@pytest.fixture
def quick_pdf(monkeypatch):
    """LibreOffice takes seconds per letter; these tests are not about the PDF."""
    monkeypatch.setattr("approvals.letters.services.issuing.to_pdf", lambda docx, **kwargs: FAKE_PDF)


def demo_credentials(var_dir) -> dict:
    return {person["email"]: person for person in json.loads((var_dir / "demo-users.json").read_text())}


def code_from_secret(secret: str) -> str:
    """What the person's authenticator app shows now, from the printed secret."""
    totp = TOTP(b32decode(secret + "=" * (-len(secret) % 8)))
    totp.time = time.time()
    return f"{totp.token():06d}"


def signed_in(person: dict) -> Client:
    """A browser that signs in through the real forms: password, then TOTP."""
    client = Client()
    response = client.post("/compte/connexion/", {"username": person["email"], "password": person["password"]})
    assert response.status_code == 302, person["email"]
    if person["totp_secret"]:
        response = client.post("/compte/second-facteur/", {"code": code_from_secret(person["totp_secret"])})
        assert response.status_code == 302 and response["Location"] == "/", person["email"]
    assert client.get("/").status_code == 200
    return client


def test_load_demo_prints_a_short_table_and_sends_emails_to_files(db, var_dir, capsys, quick_pdf):
    out, err = StringIO(), StringIO()

    call_command("load_demo", stdout=out, stderr=err)

    captured = capsys.readouterr()
    printed = out.getvalue() + err.getvalue() + captured.out + captured.err
    lines = printed.splitlines()
    assert len(lines) < 80, printed
    assert "Subject:" not in printed and "Content-Type" not in printed
    people = demo_credentials(var_dir)
    for email, person in people.items():
        row = next(line for line in lines if email in line)
        assert person["password"] in row and person["full_name"] in row and person["role"] in row
        assert (person["totp_secret"] or "-") in row
    # the e-mails sent while loading went to files under var/mail/
    assert any((var_dir / "mail").iterdir())


def test_every_committee_member_signs_in_and_the_copil_decides_through_http_votes(db, var_dir, quick_pdf):
    call_command("load_demo", stdout=StringIO())
    people = demo_credentials(var_dir)

    # every member and chair of every committee and working group has a demo login
    committees = list(Committee.objects.prefetch_related("members"))
    assert {c.code for c in committees} >= {"copil", "emergency", "membership_group", "fundraising_group"}
    seated = {member.email for c in committees for member in c.members.all()} | {c.chair.email for c in committees if c.chair}
    assert seated <= set(people), seated - set(people)
    assert Committee.objects.get(code="copil").members.count() == 7
    # so have the focal points of the organisations in the joint proposals
    from grants.models import JointProposal

    focal_points = {
        person.email
        for proposal in JointProposal.objects.all()
        for organisation in [proposal.lead_organisation, *[p.organisation for p in proposal.partners.all()]]
        for person in organisation.focal_points.all()
    }
    assert focal_points and focal_points <= set(people), focal_points - set(people)
    # and each of them signs in with the printed password and TOTP secret
    clients = {email: signed_in(people[email]) for email in sorted(seated | focal_points)}

    # the membership application waiting for the COPIL
    application = MembershipApplication.objects.get(acronym="AFRMK")
    ballot = Ballot.objects.get(dossier_reference=application.reference, status=Ballot.Status.OPEN)
    assert ballot.seats.count() == 7
    recused = {seat.member.email for seat in ballot.seats.filter(recused_at__isnull=False)}
    # a recused member's vote is refused
    for email in recused:
        assert clients[email].post(f"/scrutins/{ballot.pk}/voter/", {"choice": "approve"}).status_code == 403
    # the others vote through the interface until the outcome is certain
    for seat in ballot.seats.filter(recused_at__isnull=True).select_related("member").order_by("member__email"):
        ballot.refresh_from_db()
        if not ballot.is_open:
            break
        response = clients[seat.member.email].post(f"/scrutins/{ballot.pk}/voter/", {"choice": "approve"})
        assert response.status_code == 302
    ballot.refresh_from_db()
    application.refresh_from_db()
    assert (ballot.status, ballot.outcome) == ("decided", "approve")
    assert application.state == "approved"
    decision = Decision.objects.get(ballot=ballot)

    # the letter follows (the outbox, as the worker would deliver it) and the applicant downloads it
    relay()
    letter = Letter.objects.get(decision=decision)
    applicant = signed_in(people[application.owner.email])
    response = applicant.get(letter.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")

    # the demo's COPIL meeting: the secretariat records a go/no-go taken in the room, the chair confirms
    from approvals.demo import MEETING_TITLE
    from approvals.models import Meeting
    from grants.models import Opportunity

    meeting = Meeting.objects.get(committee__code="copil", title=MEETING_TITLE)  # not the General Assembly
    call = Opportunity.objects.filter(state="go_no_go").order_by("pk").first()
    ballot = Ballot.objects.get(dossier_reference=call.reference, status=Ballot.Status.OPEN)
    secretariat = signed_in(next(p for p in people.values() if p["role"] == "administrator"))
    sheet = f"/reunions/{meeting.pk}/scrutins/{ballot.pk}/"
    assert sheet in secretariat.get(meeting.get_absolute_url()).content.decode()
    present = ballot.seats.filter(recused_at__isnull=True).select_related("member").order_by("member__email")[:4]
    response = secretariat.post(sheet, {f"member_{seat.member_id}": "approve" for seat in present})
    assert response.status_code == 302
    chair = clients[Committee.objects.get(code="copil").chair.email]
    assert chair.post(sheet + "confirmer/").status_code == 302
    ballot.refresh_from_db()
    call.refresh_from_db()
    assert (ballot.status, ballot.outcome) == ("decided", "approve")
    assert call.state != "go_no_go"
    assert meeting.decisions.filter(ballot=ballot).exists()


def test_act_as_in_the_demo_with_the_second_factor_given(db, settings):
    settings.RELAIS_DEMO = True
    settings.PRODUCTION = False
    load_users()
    chair = User.objects.get(email=next(p.email for p in DEMO_PEOPLE if p.role == "copil_chair"))
    visitor = Client()

    # the page lists every demo person, with the banner
    page = visitor.get("/compte/demo/").content.decode()
    assert "demo-banner" in page
    assert all(person.full_name in page for person in DEMO_PEOPLE)
    # one click (POST, CSRF-protected) signs the visitor in as the COPIL chair
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/compte/demo/", {"user": chair.pk}).status_code == 403
    response = visitor.post("/compte/demo/", {"user": chair.pk})
    assert response.status_code == 302 and response["Location"] == "/"
    # with the second factor satisfied: pages that require it open at once
    response = visitor.get("/scrutins/")
    assert response.status_code == 200
    assert "demo-banner" in response.content.decode()
    # anyone not a demo person cannot be chosen
    other = User.objects.create_user(email="real.person@example.org", password="x-long-enough-password-1")
    assert visitor.post("/compte/demo/", {"user": other.pk}).status_code == 404


def test_no_act_as_and_no_banner_when_the_demo_is_off(db, settings):
    settings.RELAIS_DEMO = False
    load_users()
    chair = User.objects.get(email=next(p.email for p in DEMO_PEOPLE if p.role == "copil_chair"))
    visitor = Client()

    assert visitor.get("/compte/demo/").status_code == 404
    assert visitor.post("/compte/demo/", {"user": chair.pk}).status_code == 404
    assert "demo-banner" not in visitor.get("/compte/connexion/").content.decode()
    assert "_auth_user_id" not in visitor.session


def test_demo_is_refused_in_production(db, settings):
    settings.RELAIS_DEMO = True
    settings.PRODUCTION = True
    load_users()
    chair = User.objects.get(email=next(p.email for p in DEMO_PEOPLE if p.role == "copil_chair"))

    # the deploy check fails
    assert [error.id for error in demo_mode_refused_in_production(None)] == ["accounts.E002"]
    assert "accounts.E002" in {error.id for error in run_checks(include_deployment_checks=True, tags=["security"])}
    # and even so, the page does not exist there
    visitor = Client()
    assert visitor.get("/compte/demo/").status_code == 404
    assert visitor.post("/compte/demo/", {"user": chair.pk}).status_code == 404
    assert "demo-banner" not in visitor.get("/compte/connexion/").content.decode()

    settings.RELAIS_DEMO = False
    assert demo_mode_refused_in_production(None) == []
