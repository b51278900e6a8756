import pytest
from django.core.management import call_command

from approvals.models import Ballot
from governance.demo import ADOPTED_TITLE, PENDING_TITLE
from governance.models import Document, WorkingGroup


@pytest.fixture
def var_dir(settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    monkeypatch.setattr("approvals.letters.services.issuing.to_pdf", lambda docx, **kwargs: b"%PDF-1.4\n%%EOF\n")
    return tmp_path


def test_the_demo_has_groups_with_leads_one_document_adopted_one_awaiting_the_copil(db, var_dir):
    call_command("load_demo")
    call_command("load_demo")  # safe to run again
    assert WorkingGroup.objects.count() == 6
    assert WorkingGroup.objects.filter(lead__isnull=False).count() == 3
    adopted = Document.objects.get(title=ADOPTED_TITLE)
    assert adopted.state == Document.State.ADOPTED and adopted.published_audience == Document.Audience.MEMBERS
    pending = Document.objects.get(title=PENDING_TITLE)
    assert pending.state == Document.State.COPIL_REVIEW
    assert Ballot.objects.filter(dossier_reference=pending.reference, status=Ballot.Status.OPEN).count() == 1
    assert Document.objects.count() == 2
