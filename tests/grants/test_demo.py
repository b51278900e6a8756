from django.core.management import call_command

from grants.models import Funder, JointProposal, Opportunity


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
    assert proposals.count() == 3
    assert {"drafting", "copil_validation", "ready"} == set(proposals.values_list("state", flat=True))
    assert all(p.partners.count() >= 2 for p in proposals)
    call_command("load_demo")
    assert (Funder.objects.count(), Opportunity.objects.count(), JointProposal.objects.count()) == (15, 20, 3)
