"""The COPIL's adoption of a working group's document is notified by a letter
(kind document_adopted) addressed to the group's lead."""

import io

import pytest
from docx import Document as Docx

from approvals.models import Ballot, Choice, Letter
from approvals.services import relay, vote_cast
from governance import services
from governance.models import Document

from .conftest import pdf_upload

pytestmark = pytest.mark.django_db


def test_the_adoption_letter_goes_to_the_lead(group, copil, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr("approvals.letters.services.issuing.to_pdf", lambda docx, **kwargs: b"%PDF-1.4\n%%EOF\n")
    document = services.document_create(group_id=group.pk, by=group.member, kind=Document.Kind.ADVOCACY_PLAN,
                                        title="Plan de plaidoyer 2026", summary="Résumé", audience=Document.Audience.PUBLIC)
    services.document_version_add(reference=document.reference, by=group.member, upload=pdf_upload())
    services.document_submit(reference=document.reference, by=group.member)
    ballot = Ballot.objects.get(dossier_reference=document.reference)
    with django_capture_on_commit_callbacks(execute=True):
        for member in [copil.chair, *copil.members.exclude(pk=copil.chair_id)]:
            ballot.refresh_from_db()
            if ballot.status == Ballot.Status.OPEN:
                vote_cast(ballot_id=ballot.pk, by=member, choice=Choice.APPROVE)
    relay()
    letter = Letter.objects.get(dossier_reference=document.reference)
    assert letter.kind == "document_adopted" and letter.recipient == group.lead
    with letter.file.open("rb") as handle:
        text = "\n".join(p.text for p in Docx(io.BytesIO(handle.read())).paragraphs)
    assert "Plan de plaidoyer 2026" in text and "le public" in text and "version 1" in text
