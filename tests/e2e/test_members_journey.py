"""The whole membership journey in a phone-sized browser, in French: a new
organisation applies, screening asks for information, the applicant
completes and resubmits, the COPIL votes (the member from a referencing
organisation is recused), the applicant downloads the French letter, and the
organisation appears in the directory."""

import io

import pytest
from docx import Document
from playwright.sync_api import expect

from approvals.models import Ballot, Committee
from approvals.services import relay
from members.models import MembershipApplication, Organisation
from tests.e2e.conftest import PHONE
from tests.members.factories import PDF_BYTES, OrganisationFactory

pytestmark = pytest.mark.e2e


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def pdf(name):
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF_BYTES}


@pytest.fixture
def new_page(browser):
    """new_page() -> a tab in a fresh French phone-sized profile (one person each)."""
    contexts = []

    def make():
        context = browser.new_context(locale="fr-FR", viewport=PHONE)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def test_an_organisation_applies_and_joins_the_directory(live_server, page, new_page, sign_in, make_user, settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    # given the COPIL (a chair and four members), one of whom acts for a member organisation
    copil = Committee.objects.get(code="copil")
    chair = make_user("copil_chair", "copil_member", email="presidence@example.org", full_name="Jeanne Ngo")
    members = [make_user("copil_member", email=f"copil{i}@example.org", full_name=f"Membre {i}") for i in range(4)]
    copil.chair = chair
    copil.save()
    copil.members.set([chair, *members])
    tied = members[0]
    referee = OrganisationFactory(name="Ligue des Droits et Libertés du Tchad", acronym="LDLT", country="TD", focal_points=[tied])
    reviewer = make_user("membership_group", email="adhesion@example.org", full_name="Paul Nzé")

    # when a visitor applies for her organisation, from her phone
    page.goto(f"{live_server.url}/membres/adhesion/")
    expect(page.get_by_role("heading", name="Demander l'adhésion de votre organisation")).to_be_visible()
    assert fits_the_phone(page)
    page.fill("#id_account-full_name", "Achta Mahamat")
    page.fill("#id_account-email", "achta@femmes-rurales.example.org")
    page.fill("#id_account-password", "Bongor-2026-femmes")
    page.fill("#id_name", "Association des Femmes Rurales du Mayo-Kebbi")
    page.fill("#id_acronym", "AFRMK")
    page.select_option("#id_country", "TD")
    page.fill("#id_province", "Mayo-Kebbi Est")
    page.fill("#id_city", "Bongor")
    page.fill("#id_no_registration_reason", "Récépissé demandé en 2024, pas encore délivré.")
    page.get_by_label("Droits des femmes").check()
    page.get_by_label("Femmes", exact=True).check()
    page.fill("#id_legal_representative", "Achta Mahamat")
    page.fill("#id_email", "contact@femmes-rurales.example.org")
    page.fill("#id_phone", "+235 66 12 34 56")
    page.select_option("#id_referees", str(referee.pk))
    page.set_input_files("#id_statutes", pdf("statuts.pdf"))
    page.get_by_label("J'ai lu la charte du réseau").check()
    page.get_by_role("button", name="Soumettre").click()

    # then her account exists, and her application is sent
    expect(page.get_by_text("est envoyée")).to_be_visible()
    application = MembershipApplication.objects.get()
    assert application.state == MembershipApplication.State.SUBMITTED
    assert application.owner.email == "achta@femmes-rurales.example.org"
    applicant_page = page

    # when the membership group screens it and asks for more
    screening = new_page()
    sign_in(screening, reviewer, next_path=f"/membres/adhesion/{application.reference}/")
    screening.get_by_role("button", name="Commencer l'examen").click()
    expect(screening.get_by_role("heading", name="Demander des informations au demandeur")).to_be_visible()
    screening.fill("#id_items", "Votre dernier rapport d'activité")
    screening.get_by_role("button", name="Envoyer la demande d'informations").click()
    expect(screening.get_by_text("La demande d'informations est envoyée au demandeur.")).to_be_visible()

    # then the applicant reads what is asked, completes, and sends it back
    applicant_page.goto(f"{live_server.url}/membres/adhesion/{application.reference}/")
    expect(applicant_page.get_by_text("Votre dernier rapport d'activité")).to_be_visible()
    applicant_page.set_input_files("#id_activity_report", pdf("rapport-2025.pdf"))
    applicant_page.fill("#id_response", "Voici notre rapport 2025.")
    applicant_page.get_by_role("button", name="Renvoyer la demande complétée").click()
    expect(applicant_page.get_by_text("est envoyée")).to_be_visible()
    application.refresh_from_db()
    assert application.state == MembershipApplication.State.SCREENING
    assert application.documents.filter(kind="activity_report").exists()

    # when the group sends it to the COPIL with a favourable opinion
    screening.goto(f"{live_server.url}/membres/adhesion/{application.reference}/")
    screening.get_by_label("Favorable", exact=True).check()
    screening.fill("#id_reasons", "Organisation active, documents complets.")
    screening.get_by_role("button", name="Transmettre au COPIL (ouvre un scrutin)").click()
    expect(screening.get_by_text("un scrutin est ouvert")).to_be_visible()
    ballot = Ballot.objects.get(dossier_reference=application.reference)

    # then the member from the referencing organisation is recused, and cannot vote
    tied_page = new_page()
    sign_in(tied_page, tied, next_path=f"/scrutins/{ballot.pk}/")
    expect(tied_page.get_by_text("Vous êtes récusé·e")).to_be_visible()
    expect(tied_page.get_by_role("button", name="Enregistrer mon vote")).to_have_count(0)

    # when three other members approve
    for voter in (chair, members[1], members[2]):
        voting = new_page()
        sign_in(voting, voter, next_path=f"/scrutins/{ballot.pk}/")
        voting.get_by_label("Approuver").check()
        voting.get_by_role("button", name="Enregistrer mon vote").click()
        expect(voting.get_by_text("Votre vote est enregistré")).to_be_visible()

    # then the application is approved and the organisation is a member
    application.refresh_from_db()
    assert application.state == MembershipApplication.State.APPROVED
    assert application.organisation.state == Organisation.State.ACTIVE

    # when the worker has written the letter, the applicant downloads it, in French
    relay()
    applicant_page.goto(f"{live_server.url}/membres/adhesion/{application.reference}/")
    expect(applicant_page.get_by_text("État : Approuvée")).to_be_visible()
    applicant_page.get_by_role("link", name="Lettres du dossier").click()
    with applicant_page.expect_download() as download_info:
        applicant_page.get_by_role("link", name="Télécharger (.docx)").first.click()
    letter = Document(io.BytesIO(open(download_info.value.path(), "rb").read()))
    text = "\n".join(paragraph.text for paragraph in letter.paragraphs)
    assert "Association des Femmes Rurales du Mayo-Kebbi" in text
    assert "adhésion" in text.lower()

    # and the organisation appears in the public directory
    visitor = new_page()
    visitor.goto(f"{live_server.url}/membres/repertoire/?country=TD")
    expect(visitor.get_by_role("link", name="Association des Femmes Rurales du Mayo-Kebbi")).to_be_visible()
    assert fits_the_phone(visitor)
