from django.core.management import call_command

from grants.models import Funder, GrantAgreement, JointProposal, Opportunity, PartnerTransfer


def test_the_demo_fills_the_pipeline_once(db, settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    # load_demo delivers the outbox, decision letters included: not about the PDF here.
    monkeypatch.setattr("approvals.letters.services.issuing.to_pdf", lambda docx, **kwargs: b"%PDF-1.4\n%%EOF\n")
    call_command("load_demo")
    assert Funder.objects.count() == 15
    assert Opportunity.objects.count() == 20
    states = set(Opportunity.objects.values_list("state", flat=True))
    assert {"spotted", "assessing", "go_no_go", "pursuing", "submitted", "awarded", "expired"} <= states
    proposals = JointProposal.objects.all()
    assert proposals.count() == 4
    assert {"drafting", "copil_validation", "ready", "awarded"} == set(proposals.values_list("state", flat=True))
    assert all(p.partners.count() >= 2 for p in proposals)
    # the awarded one has its agreement: completed, a tranche received, one transfer done and one awaiting a second person
    agreement = GrantAgreement.objects.get()
    assert agreement.state == GrantAgreement.State.ACTIVE and agreement.signed_document
    assert (agreement.received_total, agreement.transferred_total, agreement.pending_transfer_total) == (60000, 5000, 9000)
    assert sorted(PartnerTransfer.objects.values_list("state", flat=True)) == ["awaiting", "confirmed"]
    call_command("load_demo")
    assert (Funder.objects.count(), Opportunity.objects.count(), JointProposal.objects.count()) == (15, 20, 4)
    assert (GrantAgreement.objects.count(), PartnerTransfer.objects.count()) == (1, 2)
