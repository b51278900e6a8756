"""The applicants' space in a phone-sized browser: an applicant watches each
state change of its membership application appear in "Mon espace", answers
a request for information, the reviewer sees exactly what changed, the COPIL
decides, and the applicant downloads its letter from Mon espace."""

import io

import pytest
from docx import Document
from playwright.sync_api import expect

from approvals.models import Ballot, Committee
from approvals.services import perform, relay, vote_cast
from members.models import MembershipApplication
from tests.e2e.conftest import PHONE
from tests.members.factories import ApplicationFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def second_page(browser):
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_an_applicant_follows_its_application_in_its_space(live_server, page, second_page, sign_in, make_user, settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    copil = Committee.objects.get(code="copil")
    chair = make_user("copil_chair", "copil_member", email="presidence@example.org")
    voters = [make_user("copil_member", email=f"copil{i}@example.org") for i in range(2)]
    copil.chair = chair
    copil.save()
    copil.members.set([chair, *voters])
    reviewer = make_user("membership_group", email="adhesion@example.org", full_name="Paul Nzé")
    applicant = make_user("applicant", email="achta@example.org", full_name="Achta Mahamat")
    application = ApplicationFactory(owner=applicant, name="Association des Femmes Rurales", phone="+235 66 00 00 00")
    perform(application, "submit", by=applicant)

    # the applicant opens its space: the application is received
    sign_in(page, applicant, next_path="/mon-espace/")
    item = page.locator(f"#{application.reference}")
    expect(item.locator(".state")).to_have_text("Reçue")

    # screening starts: the space says so
    perform(application, "start_screening", by=reviewer)
    page.reload()
    expect(item.locator(".state")).to_have_text("En cours d'examen")

    # information is requested: the space shows the task and its deadline
    perform(application, "request_information", by=reviewer, items=["Le bon numéro de téléphone"])
    page.reload()
    expect(item.locator(".state")).to_have_text("Informations demandées")
    expect(item.locator(".expected")).to_contain_text("Complétez les éléments demandés")
    expect(item.locator(".expected")).to_contain_text("avant le")

    # the applicant answers: changes the asked field and resubmits
    item.get_by_role("link", name="Agir").click()
    expect(page.get_by_text("Le bon numéro de téléphone")).to_be_visible()
    page.fill("#id_phone", "+235 99 11 22 33")
    page.get_by_role("button", name="Renvoyer la demande complétée").click()
    expect(page.get_by_text("est envoyée")).to_be_visible()
    page.goto(f"{live_server.url}/mon-espace/")
    expect(item.locator(".state")).to_have_text("En cours d'examen")

    # the reviewer sees exactly what changed
    sign_in(second_page, reviewer, next_path=application.get_absolute_url())
    changes = second_page.locator(".changes")
    expect(changes).to_have_count(1)
    expect(changes).to_contain_text("+235 66 00 00 00")
    expect(changes).to_contain_text("+235 99 11 22 33")
    expect(changes.locator("li")).to_have_count(1)

    # the COPIL decides
    perform(application, "send_to_copil", by=reviewer, recommendation="favourable", reasons="Complet.")
    ballot = Ballot.objects.get(dossier_reference=application.reference)
    for voter in (chair, *voters):
        ballot.refresh_from_db()
        if ballot.status == Ballot.Status.OPEN:  # closes as soon as the outcome is certain
            vote_cast(ballot_id=ballot.pk, by=voter, choice="approve")
    application.refresh_from_db()
    assert application.state == MembershipApplication.State.APPROVED
    relay()

    # the applicant sees the decision and downloads its letter from its space
    page.reload()
    expect(item.locator(".state")).to_have_text("Approuvée")
    with page.expect_download() as download_info:
        item.get_by_role("link", name="Télécharger (.docx)").first.click()
    letter = Document(io.BytesIO(open(download_info.value.path(), "rb").read()))
    assert "Association des Femmes Rurales" in "\n".join(p.text for p in letter.paragraphs)
