"""Who sees and edits a joint proposal: the lead edits it, each partner its
own part, and a member organisation outside the proposal cannot see it."""

import pytest

from grants.models import BudgetLine, JointProposal
from grants.services import proposal_create, proposal_partner_add
from tests.grants.factories import member_with_focal_point


@pytest.fixture
def proposal_with_partners(fundraiser):
    lead, lead_focal = member_with_focal_point(email="lead@example.org")
    first, first_focal = member_with_focal_point(email="first@example.org", country="GA")
    second, second_focal = member_with_focal_point(email="second@example.org", country="TD")
    proposal = proposal_create(by=fundraiser, title="Réseau d'alerte", lead_organisation_id=lead.pk, currency="XAF")
    proposal_partner_add(reference=proposal.reference, by=lead_focal, organisation_id=first.pk, role="Formation", budget_share_percent=30)
    proposal_partner_add(reference=proposal.reference, by=lead_focal, organisation_id=second.pk, role="Plaidoyer", budget_share_percent=20)
    return {
        "proposal": proposal,
        "lead": (lead, lead_focal),
        "first": (first, first_focal),
        "second": (second, second_focal),
    }


def test_a_partner_sees_the_proposal_and_edits_its_own_part(proposal_with_partners, client_for):
    proposal = proposal_with_partners["proposal"]
    first, first_focal = proposal_with_partners["first"]
    client = client_for(first_focal)
    url = proposal.get_absolute_url()
    # the partner's focal point sees the proposal
    page = client.get(url)
    assert page.status_code == 200 and "Réseau d&#x27;alerte" in page.content.decode()
    # and changes its own role and share, keeping its confirmation
    row = proposal.partners.get(organisation=first)
    client.post(f"{url}partenaires/{row.pk}/confirmer/")
    response = client.post(f"{url}partenaires/{row.pk}/", {"role": "Formation et suivi", "budget_share_percent": "35"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.role == "Formation et suivi" and str(row.budget_share_percent) == "35.00" and row.is_confirmed
    # and adds a budget line for its own organisation
    response = client.post(f"{url}budget/", {"organisation": first.pk, "category": "activities",
                                             "description": "Ateliers", "amount": "1 500 000", "currency": "XAF"})
    assert response.status_code == 302
    assert BudgetLine.objects.get().organisation == first


def test_a_partner_cannot_edit_another_partners_part(proposal_with_partners, client_for):
    proposal = proposal_with_partners["proposal"]
    _first, first_focal = proposal_with_partners["first"]
    second, _second_focal = proposal_with_partners["second"]
    client = client_for(first_focal)
    url = proposal.get_absolute_url()
    other_row = proposal.partners.get(organisation=second)
    response = client.post(f"{url}partenaires/{other_row.pk}/", {"role": "Rien", "budget_share_percent": "1"})
    assert response.status_code == 403
    other_row.refresh_from_db()
    assert other_row.role == "Plaidoyer"
    response = client.post(f"{url}budget/", {"organisation": second.pk, "category": "activities",
                                             "description": "Détournement", "amount": "10", "currency": "XAF"})
    assert response.status_code == 400
    assert not BudgetLine.objects.exists()
    # nor confirm for it
    response = client.post(f"{url}partenaires/{other_row.pk}/confirmer/")
    assert response.status_code == 403
    other_row.refresh_from_db()
    assert not other_row.is_confirmed
    # nor fire the lead's transitions
    response = client.post(f"/dossiers/{proposal.reference}/agir/start_drafting/")
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == JointProposal.State.CONCEPT


def test_a_member_organisation_outside_the_proposal_cannot_see_it(proposal_with_partners, client_for):
    proposal = proposal_with_partners["proposal"]
    _outsider_org, outsider = member_with_focal_point(email="outsider@example.org", country="CG")
    client = client_for(outsider)
    assert client.get(proposal.get_absolute_url()).status_code == 404
    assert client.get(f"/dossiers/{proposal.reference}/").status_code == 404
    row = proposal.partners.first()
    assert client.post(f"{proposal.get_absolute_url()}partenaires/{row.pk}/confirmer/").status_code == 404
    assert proposal.reference not in client.get("/financements/propositions/").content.decode()


def test_a_change_by_the_lead_asks_the_partner_to_confirm_again(proposal_with_partners, client_for):
    proposal = proposal_with_partners["proposal"]
    first, first_focal = proposal_with_partners["first"]
    _lead, lead_focal = proposal_with_partners["lead"]
    row = proposal.partners.get(organisation=first)
    url = proposal.get_absolute_url()
    client_for(first_focal).post(f"{url}partenaires/{row.pk}/confirmer/")
    client_for(lead_focal).post(f"{url}partenaires/{row.pk}/", {"role": "Formation", "budget_share_percent": "10"})
    row.refresh_from_db()
    assert not row.is_confirmed and str(row.budget_share_percent) == "10.00"


def test_shares_beyond_100_percent_are_refused(proposal_with_partners, client_for):
    proposal = proposal_with_partners["proposal"]
    _lead, lead_focal = proposal_with_partners["lead"]
    third, _ = member_with_focal_point(email="third@example.org", country="ST")
    response = client_for(lead_focal).post(
        f"{proposal.get_absolute_url()}partenaires/", {"organisation": third.pk, "role": "Tout", "budget_share_percent": "60"}
    )
    assert response.status_code == 400
    assert "dépasseraient 100" in response.content.decode()
    assert proposal.partners.count() == 2


def test_the_copil_cannot_be_asked_before_every_partner_confirms(proposal_with_partners, fundraiser, client_for):
    from approvals.services import TransitionRefused, perform

    proposal = proposal_with_partners["proposal"]
    _lead, lead_focal = proposal_with_partners["lead"]
    perform(proposal, "start_drafting", by=lead_focal)
    perform(proposal, "send_to_review", by=lead_focal)
    with pytest.raises(TransitionRefused) as refused:
        perform(proposal, "send_to_copil", by=fundraiser)
    assert "confirmer" in str(refused.value.reason)
    proposal.refresh_from_db()
    assert proposal.state == JointProposal.State.INTERNAL_REVIEW


def test_the_fundraiser_who_opened_it_reads_internal_steps_and_a_partner_only_public_ones(proposal_with_partners, fundraiser, client_for):
    from approvals.services import perform

    proposal = proposal_with_partners["proposal"]
    _first, first_focal = proposal_with_partners["first"]
    perform(proposal, "start_drafting", by=fundraiser, comment="Note interne du groupe")
    assert "Note interne du groupe" in client_for(fundraiser).get(proposal.get_absolute_url()).content.decode()
    assert "Note interne du groupe" not in client_for(first_focal).get(proposal.get_absolute_url()).content.decode()


def test_a_lead_focal_point_named_later_edits_the_proposal(fundraiser, client_for):
    from grants.permissions import may_edit_proposal
    from grants.services import proposal_create
    from tests.factories import UserFactory
    from tests.grants.factories import member_with_focal_point

    organisation, _first = member_with_focal_point(email="premier@example.org")
    proposal = proposal_create(by=fundraiser, title="Projet tardif", lead_organisation_id=organisation.pk, currency="XAF")
    late = UserFactory(roles=["member_focal_point"], email="nouveau-point-focal@example.org")
    outsider = UserFactory(roles=["member_focal_point"], email="ailleurs@example.org")
    organisation.focal_points.add(late)
    assert may_edit_proposal(proposal, late)
    assert not may_edit_proposal(proposal, outsider)
    assert client_for(late).get(proposal.get_absolute_url()).status_code == 200
