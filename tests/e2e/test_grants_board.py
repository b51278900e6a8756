"""The fundraising group, on a phone and without JavaScript needs: a wrong
sheet is refused with its errors located, the corrected one is previewed and
imported, and the call appears on the board, which fits the screen; then a
partner's focal point confirms its participation from its own account."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from grants.models import Opportunity
from grants.services import proposal_create, proposal_partner_add
from tests.grants.factories import FunderFactory, member_with_focal_point

pytestmark = pytest.mark.e2e


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def sheet(currency: str) -> dict:
    day = (timezone.localdate() + timedelta(days=20)).strftime("%d/%m/%Y")
    text = ("Bailleur;Titre;Montant max;Devise;Date limite proposition\n"
            f"Fondation Horizon;Défenseurs en sécurité;80 000;{currency};{day} 17:00\n")
    return {"name": "veille.csv", "mimeType": "text/csv", "buffer": text.encode("utf-8-sig")}


def test_a_sheet_is_imported_from_a_phone_and_its_call_lands_on_the_board(live_server, page, sign_in, make_user):
    FunderFactory(name="Fondation Horizon")
    fundraiser = make_user("fundraising_group", email="financement@example.org", full_name="Fatimé Abakar", country="TD")
    sign_in(page, fundraiser, next_path="/financements/import/")

    # a sheet with a currency nobody uses is refused, the cell named
    page.set_input_files("#id_sheet", sheet("GBP"))
    page.get_by_role("button", name="Vérifier la feuille").click()
    expect(page.get_by_text("Devise inconnue : GBP")).to_be_visible()
    expect(page.get_by_role("cell", name="D (Devise)")).to_be_visible()
    assert Opportunity.objects.count() == 0

    # the corrected sheet is previewed, then imported
    page.set_input_files("#id_sheet", sheet("EUR"))
    page.get_by_role("button", name="Vérifier la feuille").click()
    expect(page.get_by_role("cell", name="Défenseurs en sécurité")).to_be_visible()
    assert fits_the_phone(page)
    page.get_by_role("button", name="Importer").click()
    expect(page.get_by_text("1 créée(s), 0 mise(s) à jour, 0 inchangée(s)").first).to_be_visible()

    # and the call is on the board, in the "Repérée" column, with its deadline in N'Djamena time
    page.goto(f"{live_server.url}/financements/")
    column = page.locator('section.column[data-state="spotted"]')
    expect(column.get_by_role("link", name="Défenseurs en sécurité")).to_be_visible()
    expect(page.get_by_text("Africa/Ndjamena")).to_be_visible()
    assert fits_the_phone(page)


def test_a_partner_confirms_its_participation_from_its_phone(live_server, page, sign_in, make_user):
    fundraiser = make_user("fundraising_group", email="financement@example.org")
    lead, _ = member_with_focal_point(email="lead@example.org")
    partner, focal = member_with_focal_point(email="partenaire@example.org", country="GA", full_name="Aline Tchoumba")
    proposal = proposal_create(by=fundraiser, title="Réseau d'alerte", lead_organisation_id=lead.pk, currency="XAF")
    proposal_partner_add(reference=proposal.reference, by=fundraiser, organisation_id=partner.pk, role="Formation", budget_share_percent=30)

    sign_in(page, focal)
    page.get_by_role("link", name=f"{proposal.reference} — Réseau d'alerte").click()
    page.get_by_role("button", name="Confirmer notre participation").click()
    expect(page.get_by_text("Participation de").first).to_be_visible()
    expect(page.locator(f'tr[data-partner="{partner.pk}"]').get_by_text("confirmée le")).to_be_visible()
    assert fits_the_phone(page)
