"""The whole road: a call imported from the sheet, go from the COPIL, a
joint proposal with three partners who confirm, validated by the COPIL with
the partners' members recused, submitted and awarded, with its letters."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from approvals.models import Ballot, Decision, OutboxMessage
from grants.models import JointProposal, Opportunity
from tests.grants.factories import FunderFactory, member_with_focal_point


def _post(client, url, data=None, expected=302):
    response = client.post(url, data or {})
    assert response.status_code == expected, response.content.decode()[:2000]
    return response


def test_from_an_imported_call_to_an_awarded_joint_proposal(
    fundraiser, copil, make_user, client_for, vote, relay_outbox, settings
):
    fundraising = client_for(fundraiser)
    FunderFactory(name="Fondation Horizon")
    deadline = (timezone.localdate() + timedelta(days=90)).strftime("%d/%m/%Y")
    sheet = (
        "Bailleur;Titre;Lien;Thèmes;Pays éligibles;Montant min;Montant max;Devise;Date limite proposition\n"
        f"Fondation Horizon;Protéger les défenseurs;https://horizon.example/p;Espace civique;Cameroun, Tchad;50 000;150 000;EUR;{deadline}\n"
    ).encode("utf-8-sig")

    # given a call imported from the fundraising group's sheet
    response = _post(fundraising, "/financements/import/", {"sheet": SimpleUploadedFile("veille.csv", sheet)})
    _post(fundraising, response["Location"])
    opportunity = Opportunity.objects.get()
    ref = opportunity.reference
    assert opportunity.state == Opportunity.State.SPOTTED

    # when it is assessed and put to the COPIL, who says go
    _post(fundraising, f"/financements/opportunites/{ref}/evaluer/", {"eligibility_met": "on", "capacity_rating": "4"})
    opportunity.refresh_from_db()
    assert opportunity.state == Opportunity.State.ASSESSING and opportunity.fit_score is not None
    _post(fundraising, f"/dossiers/{ref}/agir/propose_to_copil/")
    go_ballot = Ballot.objects.get(dossier_reference=ref)
    vote(go_ballot, list(copil.members.order_by("email"))[:4])
    opportunity.refresh_from_db()
    assert opportunity.state == Opportunity.State.PURSUING

    # and a joint proposal is opened: a lead and three partners, one of whose
    # focal points sits on the COPIL
    lead, lead_focal = member_with_focal_point(email="lead@example.org")
    partners = [member_with_focal_point(email=f"partner{i}@example.org", country=c) for i, c in enumerate(["TD", "CF"])]
    copil_partner_member = copil.members.exclude(pk=copil.chair_id).order_by("email").last()
    third = member_with_focal_point(email="partner2@example.org", country="CD")[0]
    third.focal_points.add(copil_partner_member)
    partners.append((third, copil_partner_member))
    response = _post(
        fundraising,
        "/financements/propositions/nouvelle/",
        {"title": "Protéger les défenseurs", "lead_organisation": lead.pk, "opportunity": opportunity.pk, "currency": "EUR"},
    )
    proposal = JointProposal.objects.get()
    prj = proposal.reference
    lead_client = client_for(lead_focal)
    for organisation, _focal in partners:
        _post(lead_client, f"/financements/propositions/{prj}/partenaires/",
              {"organisation": organisation.pk, "role": "Suivi des cas", "budget_share_percent": "20"})
    _post(lead_client, f"/financements/propositions/{prj}/budget/",
          {"organisation": lead.pk, "category": "staff", "description": "Coordination", "amount": "60 000", "currency": "EUR"})

    # then each partner confirms from its own account
    for organisation, focal in partners:
        row = proposal.partners.get(organisation=organisation)
        _post(client_for(focal), f"/financements/propositions/{prj}/partenaires/{row.pk}/confirmer/")
    assert not proposal.partners.filter(confirmed_at__isnull=True).exists()

    # when it goes through drafting and internal review to the COPIL
    _post(lead_client, f"/dossiers/{prj}/agir/start_drafting/")
    _post(lead_client, f"/dossiers/{prj}/agir/send_to_review/")
    _post(fundraising, f"/dossiers/{prj}/agir/send_to_copil/")
    ballot = Ballot.objects.get(dossier_reference=prj)
    # then the partner's COPIL member is recused, and cannot vote
    recused = list(ballot.seats.filter(recused_at__isnull=False).values_list("member_id", flat=True))
    assert recused == [copil_partner_member.pk]
    _post(client_for(copil_partner_member), f"/scrutins/{ballot.pk}/voter/", {"choice": "approve"}, expected=403)
    # and the others validate it
    vote(ballot, list(copil.members.exclude(pk=copil_partner_member.pk).order_by("email"))[:4])
    proposal.refresh_from_db()
    assert proposal.state == JointProposal.State.READY

    # when it is submitted to the donor and awarded, the call follows
    _post(fundraising, f"/dossiers/{prj}/agir/submit_to_donor/")
    opportunity.refresh_from_db()
    assert opportunity.state == Opportunity.State.SUBMITTED
    _post(fundraising, f"/dossiers/{prj}/agir/award/")
    proposal.refresh_from_db()
    opportunity.refresh_from_db()
    assert proposal.state == JointProposal.State.AWARDED
    assert opportunity.state == Opportunity.State.AWARDED

    # then both decisions were recorded, each asking for its letter
    go, validated = Decision.objects.get(dossier_reference=ref), Decision.objects.get(dossier_reference=prj)
    assert opportunity.letter_kind(go) == "opportunity_go"
    assert proposal.letter_kind(validated) == "proposal_validated"
    context = proposal.letter_context(validated)
    assert context["lead_organisation"] == str(lead)
    assert sorted(context["partners"]) == sorted(str(o) for o, _f in partners)
    assert proposal.letter_recipient() == lead_focal
    assert opportunity.letter_context(go)["funder_name"] == "Fondation Horizon"
    for decision in (go, validated):
        assert OutboxMessage.objects.filter(topic="decision.recorded", payload={"decision": decision.pk}).exists()
    relay_outbox()
    assert_letters_exist([go, validated], kinds=["opportunity_go", "proposal_validated"])


def assert_letters_exist(decisions, *, kinds):
    """The letters engine renders one letter per decision from the outbox."""
    from approvals.models import Letter

    letters = Letter.objects.filter(decision__in=decisions)
    assert sorted(letters.values_list("kind", flat=True)) == sorted(kinds)
