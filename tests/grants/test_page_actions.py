"""Which buttons a call's or a proposal's page shows follows its state and
who reads it (decided in grants.permissions, shown as is by the templates)."""

from django.urls import reverse

from approvals.models import Ballot
from grants.services import opportunity_assess, proposal_create, proposal_partner_add
from tests.grants.factories import make_opportunity, member_with_focal_point


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_calls_buttons_follow_its_state_and_its_reader(fundraiser, copil, make_user, client_for, vote):
    # given a call just spotted
    opportunity = make_opportunity(by=fundraiser)
    ref = opportunity.reference
    edit = reverse("grants:opportunity_edit", kwargs={"reference": ref})
    assess = reverse("grants:opportunity_assess", kwargs={"reference": ref})
    propose = f"?appel={ref}"
    fundraising = client_for(fundraiser)
    # then the fundraising group may edit and assess it, not yet answer it
    page = _page(fundraising, opportunity.get_absolute_url())
    assert edit in page and assess in page and propose not in page
    # and a COPIL member reads it without any of these buttons
    page = _page(client_for(make_user("copil_member", email="lecteur@example.org")), opportunity.get_absolute_url())
    assert edit not in page and assess not in page and propose not in page

    # when it is assessed and put to the COPIL
    opportunity_assess(reference=ref, by=fundraiser, eligibility_met=True, capacity_rating=4)
    assert fundraising.post(f"/dossiers/{ref}/agir/propose_to_copil/").status_code == 302
    # then its fit can no longer be reassessed
    page = _page(fundraising, opportunity.get_absolute_url())
    assert edit in page and assess not in page and propose not in page

    # when the COPIL says go, a joint proposal may answer it
    vote(Ballot.objects.get(dossier_reference=ref), list(copil.members.order_by("email"))[:4])
    page = _page(fundraising, opportunity.get_absolute_url())
    assert edit in page and assess not in page and propose in page


def test_a_proposals_buttons_follow_its_state_and_its_reader(fundraiser, client_for):
    # given a proposal with a lead and a partner who has not confirmed yet
    lead, lead_focal = member_with_focal_point(email="lead@example.org")
    partner, partner_focal = member_with_focal_point(email="partner@example.org", country="GA")
    proposal = proposal_create(by=fundraiser, title="Réseau d'alerte", lead_organisation_id=lead.pk, currency="XAF")
    proposal_partner_add(reference=proposal.reference, by=lead_focal, organisation_id=partner.pk, role="Formation", budget_share_percent=30)
    row = proposal.partners.get()
    url = proposal.get_absolute_url()
    edit = reverse("grants:proposal_edit", kwargs={"reference": proposal.reference})
    confirm = reverse("grants:partner_confirm", kwargs={"reference": proposal.reference, "pk": row.pk})
    remove = reverse("grants:partner_remove", kwargs={"reference": proposal.reference, "pk": row.pk})
    notice = "chaque partenaire doit confirmer sa participation"
    lead_client, partner_client = client_for(lead_focal), client_for(partner_focal)

    # then the lead edits the proposal and may remove the partner, but confirms nothing for it
    page = _page(lead_client, url)
    assert edit in page and remove in page and confirm not in page
    # and the partner confirms its own participation, and edits nothing else
    page = _page(partner_client, url)
    assert confirm in page and edit not in page and remove not in page

    # when the proposal goes to internal review
    assert lead_client.post(f"/dossiers/{proposal.reference}/agir/start_drafting/").status_code == 302
    assert lead_client.post(f"/dossiers/{proposal.reference}/agir/send_to_review/").status_code == 302
    # then its content is frozen, and the lead is told the partner must still confirm
    page = _page(lead_client, url)
    assert edit not in page and remove not in page and notice in page
    # and the partner may still confirm, which lifts the notice
    assert confirm in _page(partner_client, url)
    assert partner_client.post(confirm).status_code == 302
    page = _page(lead_client, url)
    assert notice not in page and confirm not in _page(partner_client, url)
