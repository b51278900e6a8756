"""Issue 17's browser story, from the demo and its logins only: a working
group submits an action plan, the COPIL asks for changes in a meeting, the
group resubmits, the COPIL adopts it, members read the adopted version.

Everyone acts in a phone-sized French browser; the database is only read to
check what the pages said."""

import re

import pytest
from playwright.sync_api import expect

from approvals.models import Ballot, MeetingBallot
from governance.models import Document
from tests.e2e.demo import demo, fits_the_phone, person  # noqa: F401  (fixtures)
from tests.e2e.test_demo_journeys import download, vote
from tests.uploads.samples import pdf_bytes

pytestmark = pytest.mark.e2e

DOMAIN = "demo.relais.example"
LEAD = f"groupe.adhesion@{DOMAIN}"  # Paul Nzé Obame, lead of the group Adhésion et gouvernance
SECRETARIAT = f"secretariat@{DOMAIN}"
CHAIR = f"copil.presidence@{DOMAIN}"
MEMBER = f"point-focal.membre@{DOMAIN}"  # Aline Tchoumba, focal point of a member organisation
TITLE = "Plan d'action du second semestre"
MEETING = "Réunion trimestrielle du COPIL (démonstration)"


def upload_version(page, name: str, note: str = "") -> None:
    page.get_by_label(re.compile("^Fichier")).set_input_files(
        files=[{"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes(name)}]
    )
    if note:
        page.get_by_label("Ce qui change dans cette version").fill(note)
    page.get_by_role("button", name="Déposer la version").click()


def test_a_working_group_action_plan_through_the_copil(live_server, demo, person):
    # the group's lead finds the group from home and writes an action plan
    lead = person(LEAD)
    lead.get_by_role("link", name="Groupe de travail Adhésion et gouvernance").first.click()
    expect(lead.get_by_text("Paul Nzé Obame · référent·e")).to_be_visible()
    lead.get_by_role("link", name="Nouveau document ou action à soumettre au COPIL").click()
    lead.get_by_label("Type de document").select_option(label="Plan d'action")
    lead.get_by_label("Titre").fill(TITLE)
    lead.get_by_label("Résumé").fill("Campagne d'adhésion en Afrique centrale et accueil des nouveaux membres.")
    lead.get_by_label("Publication proposée s'il est adopté").select_option(label="les membres du réseau")
    lead.get_by_role("button", name="Créer le document").click()
    reference = re.search(r"DOC-\d{4}-\d{4}", lead.url).group(0)
    upload_version(lead, "plan-action-v1.pdf")
    expect(lead.get_by_text("Version 1 déposée")).to_be_visible()
    lead.get_by_role("button", name="Soumettre au COPIL").click()
    expect(lead.get_by_text("En examen par le COPIL").first).to_be_visible()
    assert fits_the_phone(lead)
    document_page = lead.url

    # in the COPIL's meeting, the secretariat records the room asking for changes; the chair confirms
    secretariat = person(SECRETARIAT)
    secretariat.get_by_role("link", name=MEETING).first.click()
    secretariat.get_by_role("link", name=re.compile(reference)).first.click()
    sheet = secretariat.url
    for name in ("Jeanne Ngo Bassa", "Honorine Ndong", "Espérance Mukendi", "Abakar Mahamat", "Prisca Yakité"):
        secretariat.get_by_label(name).select_option(label="Demander des modifications")
    secretariat.get_by_role("button", name="Enregistrer les votes en séance").click()
    expect(secretariat.get_by_text("la présidence du comité doit maintenant les confirmer")).to_be_visible()
    chair = person(CHAIR)
    chair.goto(sheet)
    chair.get_by_role("button", name="Confirmer les votes et clore le scrutin").click()
    expect(chair.get_by_text("Votes confirmés : le scrutin est clos")).to_be_visible()
    first = Ballot.objects.get(dossier_reference=reference)
    assert first.outcome == "request_changes" and MeetingBallot.objects.get(ballot=first).confirmed_at is not None

    # the group reads the request, uploads a new version and resubmits
    lead.goto(document_page)
    expect(lead.get_by_text("Modifications demandées par le COPIL").first).to_be_visible()
    upload_version(lead, "plan-action-v2.pdf", note="Calendrier et budget précisés")
    expect(lead.get_by_text("Version 2 déposée")).to_be_visible()
    lead.get_by_role("button", name="Soumettre à nouveau au COPIL").click()
    expect(lead.get_by_text("En examen par le COPIL").first).to_be_visible()

    # the COPIL adopts it by ballot (four of its seven members approve online)
    for email in (CHAIR, f"copil.ndong@{DOMAIN}", f"copil.mukendi@{DOMAIN}", f"copil.mahamat@{DOMAIN}"):
        vote(person(email, "/scrutins/"), reference)
    document = Document.objects.get(reference=reference)
    assert document.state == Document.State.ADOPTED and document.adopted_version.number == 2
    assert document.published_audience == Document.Audience.MEMBERS

    # a member of the network reads the adopted version among the adopted documents
    member = person(MEMBER, "/gouvernance/documents/")
    member.get_by_role("link", name=TITLE).click()
    expect(member.get_by_text("publié pour les membres du réseau")).to_be_visible()
    expect(member.get_by_role("link", name=re.compile("^Version 1"))).to_have_count(0)
    content = download(member, "Version 2 — plan-action-v2.pdf")
    assert content.startswith(b"%PDF")
    assert fits_the_phone(member)
    # the group still reads the superseded first version
    lead.goto(document_page)
    assert download(lead, "Version 1 — plan-action-v1.pdf").startswith(b"%PDF")
