"""The journeys of issue 13, from the demo and its logins only.

Each test runs `manage.py load_demo` in the test database, then every
person signs in through the form with the password and TOTP secret the
command printed (tests/e2e/demo.py). Everything a person does is done in a
phone-sized browser (360 × 740, French): no factory, no admin page, no
database write. The database is only read, to check what the pages said.

The one thing run in-process is what a Celery worker does in production:
`approvals.tasks.relay_outbox` (the outbox relay, which renders letters and
their PDF), called where a worker would pick the messages up.
"""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from approvals.models import Ballot, Decision, MeetingBallot
from approvals.tasks import relay_outbox
from grants.models import JointProposal, Opportunity
from members.models import MembershipApplication, Organisation
from tests.e2e.demo import demo, fits_the_phone, person  # noqa: F401  (fixtures)
from tests.uploads.samples import pdf_bytes

pytestmark = pytest.mark.e2e

DOMAIN = "demo.relais.example"
CHAIR = f"copil.presidence@{DOMAIN}"
COPIL = [f"copil.{name}@{DOMAIN}" for name in ("ndong", "mukendi", "mahamat", "yakite", "nkounkou")]
AWA = f"copil.membre@{DOMAIN}"  # COPIL member and focal point of OCLP (recused on what OCLP is tied to)
MEMBERSHIP_GROUP = f"groupe.adhesion@{DOMAIN}"
FUNDRAISER = f"groupe.financement@{DOMAIN}"
SECRETARIAT = f"secretariat@{DOMAIN}"


def reference_in(url: str) -> str:
    return re.search(r"/([A-Z]{3}-\d{4}-\d{4})/", url).group(1)


def vote(page, reference: str, choice: str = "Approuver") -> None:
    """From "Mes scrutins", open the ballot on `reference` and vote."""
    page.get_by_role("link", name=reference).first.click()
    page.get_by_label(choice, exact=True).check()
    page.get_by_role("button", name="Enregistrer mon vote").click()
    expect(page.get_by_text("Votre vote est enregistré")).to_be_visible()
    assert fits_the_phone(page)


def download(page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).first.click()
    return open(info.value.path(), "rb").read()


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# --- 1. A membership application, from a phone to the COPIL's decision and its letter ---------------


def test_membership_from_a_phone_to_the_copil_decision_and_the_letter(live_server, page, demo, person):
    # a visitor on her phone starts the form, saves a draft after the first sections
    page.goto(f"{live_server.url}/membres/adhesion/")
    expect(page.get_by_role("heading", name="Demander l'adhésion de votre organisation")).to_be_visible()
    assert fits_the_phone(page)
    page.fill("#id_account-full_name", "Clémence Ondo")
    page.fill("#id_account-email", "clemence@defenseures-woleu.example.org")
    page.fill("#id_account-password", "Oyem-2026-defenseures")
    page.fill("#id_name", "Défenseures du Woleu-Ntem")
    page.fill("#id_acronym", "DWN")
    page.select_option("#id_country", "GA")
    page.fill("#id_province", "Woleu-Ntem")
    page.fill("#id_city", "Oyem")
    expect(page.get_by_text("1 étape complète sur 7")).to_be_visible()
    page.locator("#etape-1").get_by_role("button", name="Enregistrer et continuer").click()
    expect(page.get_by_text("Brouillon enregistré")).to_be_visible()
    assert page.url.endswith("#etape-2")
    expect(page.get_by_text("2 étapes complètes sur 7")).to_be_visible()
    reference = reference_in(page.url)

    # she comes back to it: what she typed is kept; she completes and submits
    page.goto(f"{live_server.url}/membres/adhesion/{reference}/")
    expect(page.locator("#id_name")).to_have_value("Défenseures du Woleu-Ntem")
    page.fill("#id_no_registration_reason", "Récépissé demandé en 2025, pas encore délivré.")
    page.get_by_label("Droits des femmes").check()
    page.get_by_label("Femmes", exact=True).check()
    page.fill("#id_legal_representative", "Clémence Ondo")
    page.fill("#id_email", "contact@defenseures-woleu.example.org")
    page.fill("#id_phone", "+241 07 12 34 56")
    page.set_input_files("#id_statutes", {"name": "statuts.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()})
    page.get_by_label("J'ai lu la charte du réseau").check()
    page.get_by_role("button", name="Soumettre").click()
    expect(page.get_by_text(f"Votre demande {reference} est envoyée")).to_be_visible()
    assert fits_the_phone(page)
    applicant = page

    # the membership group screens it and sends it to the COPIL, favourably
    group = person(MEMBERSHIP_GROUP, "/membres/demandes/")
    group.get_by_role("link", name=reference).first.click()
    group.get_by_role("button", name="Commencer l'examen").click()
    group.get_by_label("Favorable", exact=True).check()
    group.fill("#id_reasons", "Organisation active à Oyem, statuts fournis.")
    group.get_by_role("button", name="Transmettre au COPIL (ouvre un scrutin)").click()
    expect(group.get_by_text("un scrutin est ouvert")).to_be_visible()

    # four of the seven COPIL members approve, each from their own account
    for email in (CHAIR, *COPIL[:3]):
        vote(person(email, "/scrutins/"), reference)
    application = MembershipApplication.objects.get(reference=reference)
    assert application.state == MembershipApplication.State.APPROVED
    assert application.organisation.state == Organisation.State.ACTIVE

    # the worker writes the letter; the applicant reads the decision and downloads it
    relay_outbox()
    applicant.goto(f"{live_server.url}/membres/adhesion/{reference}/")
    expect(applicant.get_by_text("Approuvée").first).to_be_visible()
    applicant.get_by_role("link", name="Lettres du dossier").click()
    assert fits_the_phone(applicant)
    text = pdf_text(download(applicant, "Télécharger (PDF)"))
    assert "Défenseures du Woleu-Ntem" in text
    assert "adhésion" in text.lower()


# --- 2. A funding call, from its entry to the COPIL's go / no-go ---------------------------------


def test_a_funding_call_from_entry_to_go(live_server, demo, person):
    # the fundraising group enters a call it spotted
    fundraiser = person(FUNDRAISER, "/financements/")
    fundraiser.get_by_role("link", name="Nouvelle opportunité").click()
    fundraiser.select_option("#id_funder", label="Fondation Terre et Droits (FTD)")
    fundraiser.fill("#id_title", "Gardiens des terres communautaires 2027")
    fundraiser.fill("#id_link", "https://ftd.demo.relais.example/appels/2027")
    fundraiser.get_by_label("Foncier et ressources naturelles").check()
    fundraiser.get_by_label("Gabon", exact=True).check()
    fundraiser.fill("#id_amount_min", "15000")
    fundraiser.fill("#id_amount_max", "60000")
    fundraiser.select_option("#id_currency", "EUR")
    fundraiser.fill("#id_full_proposal_deadline", "2027-03-31T17:00")
    fundraiser.select_option("#id_deadline_timezone", "Africa/Libreville")
    fundraiser.get_by_role("button", name="Enregistrer").click()
    expect(fundraiser.get_by_role("heading", name="Gardiens des terres communautaires 2027")).to_be_visible()
    reference = reference_in(fundraiser.url)
    assert fits_the_phone(fundraiser)

    # assesses how well it fits, then puts it to the COPIL
    fundraiser.get_by_role("link", name="Évaluer l'adéquation").click()
    fundraiser.get_by_label("Le réseau remplit les critères d'éligibilité").check()
    fundraiser.get_by_label("4", exact=True).check()
    fundraiser.fill("#id_capacity_note", "Deux membres gabonais travaillent déjà sur le foncier.")
    fundraiser.get_by_role("button", name="Calculer et enregistrer le score").click()
    expect(fundraiser.get_by_text("Score d'adéquation")).to_be_visible()
    fundraiser.get_by_role("button", name="Présenter au COPIL (go / no-go)").click()
    assert Ballot.objects.filter(dossier_reference=reference, status=Ballot.Status.OPEN).exists()

    # four COPIL members say go, each from their own account
    for email in (CHAIR, *COPIL[1:4]):
        vote(person(email, "/scrutins/"), reference)

    # the call is pursued: the fundraising group reads it on the call's page
    assert Opportunity.objects.get(reference=reference).state == Opportunity.State.PURSUING
    fundraiser.goto(f"{live_server.url}/financements/opportunites/{reference}/")
    expect(fundraiser.get_by_text(str(Opportunity.State.PURSUING.label)).first).to_be_visible()
    decision = Decision.objects.get(dossier_reference=reference)
    assert decision.outcome == "approve"


# --- 3. A joint proposal, two partners confirming from their own accounts, to its submission -------------


def test_a_joint_proposal_with_two_partners_to_submission(live_server, demo, person):
    # the fundraising group opens a proposal on a call the COPIL decided to pursue
    fundraiser = person(FUNDRAISER, "/financements/")
    fundraiser.get_by_role("link", name="Prévention de la torture en détention").first.click()
    call = reference_in(fundraiser.url)
    fundraiser.get_by_role("link", name="Ouvrir une proposition commune").click()
    fundraiser.fill("#id_title", "Visites de lieux de détention au Tchad et au Gabon")
    fundraiser.select_option("#id_lead_organisation", label="Jeunes Reporters Citoyens du Tchad (JRCT)")
    fundraiser.fill("#id_duration_months", "18")
    fundraiser.fill("#id_summary", "Visites régulières et documentation des conditions de détention.")
    fundraiser.get_by_role("button", name="Enregistrer").click()
    expect(fundraiser.get_by_text("ouverte")).to_be_visible()
    reference = reference_in(fundraiser.url)
    title = "Visites de lieux de détention au Tchad et au Gabon"

    # two partners, a budget line
    for organisation, role, share in (
        ("Association Tchadienne pour la Non-Violence et les Libertés (ATNVL)", "Visites au Tchad", "30"),
        ("Ligue Gabonaise pour l'Éducation Civique (LIGEC)", "Visites au Gabon", "25"),
    ):
        fundraiser.get_by_text("Ajouter un partenaire").click()
        fundraiser.select_option("#id_partner-organisation", label=organisation)
        fundraiser.fill("#id_partner-role", role)
        fundraiser.fill("#id_partner-budget_share_percent", share)
        fundraiser.locator("#partenaires").get_by_role("button", name="Ajouter").click()
        expect(fundraiser.locator("#partenaires").get_by_text(role)).to_be_visible()
    fundraiser.get_by_text("Ajouter une ligne budgétaire").click()
    fundraiser.select_option("#id_budget-organisation", label="Jeunes Reporters Citoyens du Tchad (JRCT)")
    fundraiser.fill("#id_budget-description", "Coordination et rapports")
    fundraiser.fill("#id_budget-amount", "24000")
    fundraiser.locator("#budget").get_by_role("button", name="Ajouter").click()
    expect(fundraiser.locator("#budget").get_by_text("Coordination et rapports")).to_be_visible()
    fundraiser.get_by_role("button", name="Commencer la rédaction").click()
    fundraiser.get_by_role("button", name="Envoyer en revue interne").click()
    assert fits_the_phone(fundraiser)

    # each partner's focal point confirms from their own account, from their home page
    for email in (f"point-focal.atnvl@{DOMAIN}", f"point-focal.ligec@{DOMAIN}"):
        focal = person(email)
        focal.get_by_role("link", name=f"{reference} — {title}").first.click()
        focal.get_by_role("button", name="Confirmer notre participation").click()
        expect(focal.get_by_text("Participation de").first).to_be_visible()
        assert fits_the_phone(focal)

    # the fundraising group asks the COPIL, which validates it
    fundraiser.goto(f"{live_server.url}/financements/propositions/{reference}/")
    expect(fundraiser.get_by_text("confirmée le")).to_have_count(2)
    fundraiser.get_by_role("button", name="Demander la validation du COPIL").click()
    for email in (CHAIR, *COPIL[2:5]):
        vote(person(email, "/scrutins/"), reference)
    assert JointProposal.objects.get(reference=reference).state == JointProposal.State.READY

    # and records its submission to the donor; the call follows
    fundraiser.goto(f"{live_server.url}/financements/propositions/{reference}/")
    fundraiser.get_by_role("button", name="Marquer comme soumise au bailleur").click()
    expect(fundraiser.get_by_text(str(JointProposal.State.SUBMITTED.label)).first).to_be_visible()
    assert JointProposal.objects.get(reference=reference).state == JointProposal.State.SUBMITTED
    assert Opportunity.objects.get(reference=call).state == Opportunity.State.SUBMITTED


# --- 4. A decision taken in a COPIL meeting ------------------------------------------------------


def test_a_decision_taken_in_a_meeting(live_server, demo, person):
    # the demo's application waiting for the COPIL; its meeting is on the secretariat's home page
    question = "Association des Femmes Rurales du Mayo-Kebbi"
    secretariat = person(SECRETARIAT)
    secretariat.get_by_role("link", name="Réunion trimestrielle du COPIL (démonstration)").first.click()
    expect(secretariat.get_by_role("heading", name="Scrutins en séance")).to_be_visible()
    secretariat.get_by_role("link", name=re.compile(question)).first.click()
    reference = re.search(r"[A-Z]{3}-\d{4}-\d{4}", secretariat.get_by_role("heading", level=1).inner_text()).group(0)
    sheet = secretariat.url
    # Awa Mbarga acts for an organisation that recommends the applicant: recused, she has no choice to give
    expect(secretariat.get_by_text("Awa Mbarga — récusé·e : ne vote pas")).to_be_visible()
    assert fits_the_phone(secretariat)

    # first, only two members are noted present
    secretariat.get_by_label("Jeanne Ngo Bassa").select_option(label="Approuver")
    secretariat.get_by_label("Honorine Ndong").select_option(label="Approuver")
    secretariat.get_by_role("button", name="Enregistrer les votes en séance").click()
    expect(secretariat.get_by_text("la présidence du comité doit maintenant les confirmer")).to_be_visible()

    # the chair cannot confirm: quorum counts on attendance, the ballot stays open
    chair = person(CHAIR)
    chair.get_by_role("link", name="Réunions et procès-verbaux").click()
    chair.get_by_role("link", name="Réunion trimestrielle du COPIL (démonstration)").first.click()
    chair.get_by_role("link", name=re.compile(question)).first.click()
    chair.get_by_role("button", name="Confirmer les votes et clore le scrutin").click()
    expect(chair.get_by_text("Quorum non atteint en séance")).to_be_visible()
    assert Ballot.objects.get(dossier_reference=reference).status == Ballot.Status.OPEN

    # the secretariat corrects the sheet: five present, each with the vote given in the room
    secretariat.goto(sheet)
    for name, choice in (
        ("Jeanne Ngo Bassa", "Approuver"),
        ("Honorine Ndong", "Approuver"),
        ("Espérance Mukendi", "Approuver"),
        ("Abakar Mahamat", "S'abstenir"),
        ("Prisca Yakité", "Rejeter"),
    ):
        secretariat.get_by_label(name).select_option(label=choice)
    expect(secretariat.get_by_label("Céleste Nkounkou")).to_have_value("")  # absent
    secretariat.get_by_role("button", name="Enregistrer les votes en séance").click()
    expect(secretariat.get_by_text("Prisca Yakité — Rejeter")).to_be_visible()

    # the chair confirms: the ballot closes, the application is approved
    chair.goto(sheet)
    chair.get_by_role("button", name="Confirmer les votes et clore le scrutin").click()
    expect(chair.get_by_text("Votes confirmés : le scrutin est clos")).to_be_visible()
    expect(chair.get_by_text("Confirmés par Jeanne Ngo Bassa")).to_be_visible()
    assert fits_the_phone(chair)
    ballot = Ballot.objects.get(dossier_reference=reference)
    assert ballot.status == Ballot.Status.DECIDED and ballot.outcome == "approve"
    record = MeetingBallot.objects.get(ballot=ballot)
    assert sorted(record.meeting.attendees.values_list("full_name", flat=True)) == sorted(
        ["Jeanne Ngo Bassa", "Honorine Ndong", "Espérance Mukendi", "Abakar Mahamat", "Prisca Yakité"]
    )
    chair.goto(f"{live_server.url}/scrutins/{ballot.pk}/")
    expect(chair.get_by_text("Décidé").first).to_be_visible()

    # the dossier moved on: its applicant reads the decision and, once the worker wrote it, the letter
    relay_outbox()
    applicant = person(f"achta.mahamat@demandeurs.{DOMAIN}", "/membres/adhesion/")
    applicant.get_by_role("link", name=re.compile(reference)).first.click()
    expect(applicant.get_by_text("Approuvée").first).to_be_visible()
    applicant.get_by_role("link", name="Lettres du dossier").click()
    text = pdf_text(download(applicant, "Télécharger (PDF)"))
    assert question in text
    assert MembershipApplication.objects.get(reference=reference).state == MembershipApplication.State.APPROVED
