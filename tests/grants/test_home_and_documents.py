"""What waits for people at home, documents of a proposal, and the go / no-go outcomes."""

from django.core.files.uploadedfile import SimpleUploadedFile

from approvals.models import Ballot, Decision
from approvals.services import perform
from grants.models import Opportunity, ProposalDocument
from grants.services import opportunity_assess, proposal_create, proposal_partner_add
from tests.grants.factories import make_opportunity, member_with_focal_point
from tests.uploads.samples import pdf_bytes

STATUTES = pdf_bytes("Statuts")


def test_the_fundraising_group_sees_the_calls_to_watch_at_home(fundraiser, client_for):
    soon = make_opportunity(by=fundraiser, title="Appel imminent", days_left=9)
    later = make_opportunity(by=fundraiser, title="Appel lointain", days_left=90)
    page = client_for(fundraiser).get("/").content.decode()
    watch = page.split("Appels à suivre")[1].split("</section>")[0]
    assert soon.reference in watch and later.reference not in watch
    # every call spotted or being assessed waits for the group's assessment,
    # whatever its deadline
    to_assess = page.split("Opportunités à évaluer")[1].split("</section>")[0]
    assert soon.reference in to_assess and later.reference in to_assess


def test_a_partner_is_asked_at_home_to_confirm_and_is_told_by_notification(fundraiser, client_for, relay_outbox):
    from approvals.models import Notification

    lead, _lead_focal = member_with_focal_point(email="lead@example.org")
    partner, partner_focal = member_with_focal_point(email="partner@example.org", country="GA")
    proposal = proposal_create(by=fundraiser, title="Projet commun", lead_organisation_id=lead.pk, currency="XAF")
    row = proposal_partner_add(reference=proposal.reference, by=fundraiser, organisation_id=partner.pk, role="Suivi", budget_share_percent=25)
    client = client_for(partner_focal)
    page = client.get("/").content.decode()
    assert "Propositions à confirmer" in page and proposal.reference in page
    relay_outbox()
    assert Notification.objects.filter(recipient=partner_focal, dossier_reference=proposal.reference).exists()
    client.post(f"{proposal.get_absolute_url()}partenaires/{row.pk}/confirmer/")
    assert proposal.reference not in client.get("/").content.decode()


def test_a_partner_attaches_a_document_for_its_organisation_and_only_insiders_download_it(fundraiser, client_for):
    lead, _lead_focal = member_with_focal_point(email="lead@example.org")
    partner, partner_focal = member_with_focal_point(email="partner@example.org", country="GA")
    proposal = proposal_create(by=fundraiser, title="Projet commun", lead_organisation_id=lead.pk, currency="XAF")
    proposal_partner_add(reference=proposal.reference, by=fundraiser, organisation_id=partner.pk, role="Suivi", budget_share_percent=25)
    client = client_for(partner_focal)
    url = f"{proposal.get_absolute_url()}documents/"
    response = client.post(url, {"title": "Statuts", "organisation": partner.pk,
                                 "upload": SimpleUploadedFile("statuts.pdf", STATUTES, content_type="application/pdf")})
    assert response.status_code == 302
    document = ProposalDocument.objects.get()
    assert document.organisation == partner and len(document.sha256) == 64
    download = client.get(f"{url}{document.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == STATUTES
    # a file type that could run code is refused, and nothing is stored
    response = client.post(url, {"title": "Script", "organisation": partner.pk,
                                 "upload": SimpleUploadedFile("x.html", b"<script>", content_type="text/html")})
    assert response.status_code == 400 and ProposalDocument.objects.count() == 1
    # an organisation outside the proposal cannot download it
    _outsider_org, outsider = member_with_focal_point(email="outsider@example.org", country="CG")
    assert client_for(outsider).get(f"{url}{document.pk}/").status_code == 404


def test_a_no_go_closes_the_call_and_asks_for_its_letter(fundraiser, copil, vote):
    opportunity = make_opportunity(by=fundraiser)
    opportunity_assess(reference=opportunity.reference, by=fundraiser, eligibility_met=False, capacity_rating=1)
    perform(opportunity, "propose_to_copil", by=fundraiser)
    vote(Ballot.objects.get(dossier_reference=opportunity.reference), list(copil.members.order_by("email"))[:4], "reject")
    opportunity.refresh_from_db()
    assert opportunity.state == Opportunity.State.NO_GO and opportunity.deadline_at is None
    assert opportunity.letter_kind(Decision.objects.get(dossier_reference=opportunity.reference)) == "opportunity_no_go"


def test_changes_requested_by_the_copil_send_the_call_back_to_assessment(fundraiser, copil, vote):
    opportunity = make_opportunity(by=fundraiser)
    opportunity_assess(reference=opportunity.reference, by=fundraiser, eligibility_met=True, capacity_rating=3)
    perform(opportunity, "propose_to_copil", by=fundraiser)
    vote(Ballot.objects.get(dossier_reference=opportunity.reference), list(copil.members.order_by("email"))[:4], "request_changes")
    opportunity.refresh_from_db()
    assert opportunity.state == Opportunity.State.ASSESSING
    assert opportunity.deadline_at == opportunity.full_proposal_deadline


def test_a_funding_call_has_no_status_link_box_a_proposal_has_one(fundraiser, client_for):
    """Only kinds with an applicant offer a status link."""
    call = make_opportunity(by=fundraiser, title="Appel sans demandeur")
    lead, _focal = member_with_focal_point(email="lead@example.org")
    proposal = proposal_create(by=fundraiser, title="Projet commun", lead_organisation_id=lead.pk, currency="XAF")
    client = client_for(fundraiser)

    assert "Lien de suivi sans compte" not in client.get(call.get_absolute_url()).content.decode()
    assert "Lien de suivi sans compte" in client.get(proposal.get_absolute_url()).content.decode()
    # nor is one issued by hand
    response = client.post(f"/dossiers/{call.reference}/lien-de-suivi/", {"action": "issue"})
    assert response.status_code == 400


def test_the_auditor_reads_the_list_of_proposals_without_links_or_actions(fundraiser, make_user, client_for):
    lead, _focal = member_with_focal_point(email="lead@example.org")
    proposals = [
        proposal_create(by=fundraiser, title=f"Projet {i}", lead_organisation_id=lead.pk, currency="XAF") for i in range(3)
    ]
    auditor = client_for(make_user("auditor", email="audit@example.org"))

    page = auditor.get("/financements/propositions/").content.decode()

    assert "Aucune proposition pour le moment." not in page
    for proposal in proposals:
        assert proposal.reference in page and proposal.title in page
        assert f'href="{proposal.get_absolute_url()}"' not in page  # a page they may not open
        assert auditor.get(proposal.get_absolute_url()).status_code in (403, 404)
    assert "Nouvelle proposition" not in page
    assert 'href="/financements/propositions/"' in page  # in the auditor's menu
