import pytest
from django.core.management import call_command

from approvals.models import Ballot, Committee
from members.models import MembershipApplication, Organisation


@pytest.fixture
def var_dir(settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    # load_demo delivers the outbox, decision letters included: not about the PDF here.
    monkeypatch.setattr("approvals.letters.services.issuing.to_pdf", lambda docx, **kwargs: b"%PDF-1.4\n%%EOF\n")
    return tmp_path


def test_demo_directory_and_applications_in_every_state_loaded_twice_once(db, var_dir):
    call_command("load_demo")
    counts = (Organisation.objects.count(), MembershipApplication.objects.count(), Ballot.objects.count())
    call_command("load_demo")
    assert (Organisation.objects.count(), MembershipApplication.objects.count(), Ballot.objects.count()) == counts
    assert Organisation.objects.count() >= 40
    assert set(Organisation.objects.values_list("country", flat=True)) == {"CM", "GA", "TD", "CF", "CG", "CD", "GQ", "ST"}
    assert set(MembershipApplication.objects.values_list("state", flat=True)) == set(MembershipApplication.State.values)
    assert Organisation.objects.filter(state=Organisation.State.SUSPENDED).exists()
    copil = Committee.objects.get(code="copil")
    assert copil.chair.email == "copil.presidence@demo.relais.example"
    assert copil.members.filter(email="copil.membre@demo.relais.example").exists()
    assert Committee.objects.get(code="membership_group").members.filter(email="groupe.adhesion@demo.relais.example").exists()
    # the approved application is in the directory
    approved = MembershipApplication.objects.get(state=MembershipApplication.State.APPROVED)
    assert approved.organisation.state == Organisation.State.ACTIVE
