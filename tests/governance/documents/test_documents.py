"""A working group's document through the COPIL: submitted, changes asked,
resubmitted, adopted by ballot, published to the audience the decision names."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from approvals.models import Ballot, Choice, Decision
from approvals.refusals import Refused
from approvals.services import vote_cast
from governance import services
from governance.models import Document

from .conftest import pdf_upload

pytestmark = pytest.mark.django_db


def _vote_all(committee, reference, choice):
    ballot = Ballot.objects.get(dossier_reference=reference, status=Ballot.Status.OPEN)
    for member in [committee.chair, *committee.members.exclude(pk=committee.chair_id)]:
        ballot.refresh_from_db()
        if ballot.status != Ballot.Status.OPEN:
            break
        vote_cast(ballot_id=ballot.pk, by=member, choice=choice)
    ballot.refresh_from_db()
    return ballot


def _new_document(group, audience=Document.Audience.MEMBERS):
    return services.document_create(
        group_id=group.pk, by=group.lead, kind=Document.Kind.ACTION_PLAN, title="Plan d'action 2026",
        summary="Les actions de l'année.", audience=audience,
    )


def test_the_whole_lifecycle_through_the_services(group, copil):
    # given a document with a first version, submitted by the lead
    document = _new_document(group)
    with pytest.raises(Refused):  # nothing to submit yet
        services.document_submit(reference=document.reference, by=group.lead)
    services.document_version_add(reference=document.reference, by=group.lead, upload=pdf_upload(), note="")
    services.document_submit(reference=document.reference, by=group.lead)
    document.refresh_from_db()
    assert document.state == Document.State.COPIL_REVIEW
    ballot = Ballot.objects.get(dossier_reference=document.reference)
    assert "les membres du réseau" in ballot.question and ballot.committee == copil

    # when the COPIL asks for changes
    ballot = _vote_all(copil, document.reference, Choice.REQUEST_CHANGES)
    document.refresh_from_db()
    assert ballot.outcome == "request_changes" and document.state == Document.State.CHANGES_REQUESTED

    # then the group cannot resubmit the same version, uploads a new one, resubmits
    with pytest.raises(Refused):
        services.document_submit(reference=document.reference, by=group.member)
    services.document_version_add(reference=document.reference, by=group.member, upload=pdf_upload("v2.pdf"), note="Budget revu")
    services.document_submit(reference=document.reference, by=group.member)
    document.refresh_from_db()
    assert document.state == Document.State.COPIL_REVIEW

    # and the COPIL adopts version 2, published to the members
    ballot = _vote_all(copil, document.reference, Choice.APPROVE)
    document.refresh_from_db()
    assert document.state == Document.State.ADOPTED
    assert document.adopted_version.number == 2 and document.published_audience == Document.Audience.MEMBERS
    assert document.decision == Decision.objects.get(ballot=ballot)
    assert "Publication : les membres du réseau." == document.decision.conditions
    # no version is added once adopted
    with pytest.raises(Refused):
        services.document_version_add(reference=document.reference, by=group.lead, upload=pdf_upload("v3.pdf"))


def test_a_non_member_cannot_create_upload_or_submit(group, make_user, copil):
    outsider = make_user("member_focal_point")
    with pytest.raises(Refused) as refused:
        services.document_create(group_id=group.pk, by=outsider, kind="budget", title="B", summary="S", audience="public")
    assert refused.value.status == 403
    document = _new_document(group)
    with pytest.raises(Exception) as error:  # not visible to them: 404
        services.document_version_add(reference=document.reference, by=outsider, upload=pdf_upload())
    assert error.typename == "Http404"
    # a COPIL member reads it but is not of the group
    services.document_version_add(reference=document.reference, by=group.lead, upload=pdf_upload())
    with pytest.raises(Refused) as refused:
        services.document_submit(reference=document.reference, by=copil.chair)
    assert refused.value.status == 403
    document.refresh_from_db()
    assert document.state == Document.State.DRAFT


def test_a_hostile_upload_is_refused_and_nothing_is_stored(group, private_storage):
    document = _new_document(group)
    for name, content in (
        ("plan.pdf", b"<html><script>alert(1)</script></html>"),
        ("plan.pdf", b"MZ\x90\x00" + b"\x00" * 200),
        ("plan.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ):
        with pytest.raises(ValidationError) as error:
            services.document_version_add(reference=document.reference, by=group.lead,
                                          upload=SimpleUploadedFile(name, content, content_type="application/pdf"))
        assert "upload" in error.value.error_dict
    assert document.versions.count() == 0
    assert not any(path.is_file() for path in private_storage.rglob("*")) if private_storage.exists() else True


def test_a_document_replacing_another_leaves_the_older_readable(group, copil, make_user, client_for):
    older = _new_document(group)
    services.document_version_add(reference=older.reference, by=group.lead, upload=pdf_upload())
    services.document_submit(reference=older.reference, by=group.lead)
    _vote_all(copil, older.reference, Choice.APPROVE)
    newer = services.document_create(
        group_id=group.pk, by=group.lead, kind=Document.Kind.ACTION_PLAN, title="Plan d'action 2027",
        summary="Suite.", audience=Document.Audience.MEMBERS, supersedes_id=older.pk,
    )
    services.document_version_add(reference=newer.reference, by=group.lead, upload=pdf_upload())
    services.document_submit(reference=newer.reference, by=group.lead)
    _vote_all(copil, newer.reference, Choice.APPROVE)

    reader = client_for(make_user("member_focal_point"))
    listing = html.unescape(reader.get("/gouvernance/documents/").content.decode())
    assert "Plan d'action 2027" in listing and "Plan d'action 2026" not in listing
    page = reader.get(f"/gouvernance/documents/{older.reference}/")
    assert page.status_code == 200 and "remplacé par" in page.content.decode()
    assert reader.get(f"/gouvernance/documents/{older.reference}/versions/1/").status_code == 200
