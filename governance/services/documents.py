"""A working group's documents for validation: write, version, submit.

The COPIL's side is the engine's: entering review opens a COPIL ballot
(`open_copil_ballot`, from `Document.transitioned`); votes online or in a
meeting decide it, and the decision fires adopt / request_changes / reject.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from approvals.access import grant
from approvals.models import Committee
from approvals.services import ballot_open, dossier_create, perform, record_event
from approvals.uploads import DOCX, ODS, ODT, PDF, XLSX, inspect_upload, upload_policy

from ..models import Document, DocumentVersion, WorkingGroup
from ..selectors import access_document
from .working_groups import GovernanceRefused

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
# Checked by content (approvals.uploads), never by the name alone.
DOCUMENT_UPLOAD = upload_policy(
    "governance_document",
    types=(PDF, DOCX, ODT, XLSX, ODS),
    max_bytes=DOCUMENT_MAX_BYTES,
    description="Versions des documents des groupes de travail soumis au COPIL",
)
COPIL = "copil"


def _may_write(group: WorkingGroup, by) -> bool:
    return by.is_superuser or group.is_member(by)


@transaction.atomic
def document_create(*, group_id: int, by, kind: str, title: str, summary: str, audience: str,
                    supersedes_id: int | None = None) -> Document:
    """A member of the group starts a document (in preparation, no version yet)."""
    group = WorkingGroup.objects.select_related("committee").get(pk=group_id)
    if not _may_write(group, by):
        raise GovernanceRefused(_("Seuls les membres du groupe de travail peuvent y déposer un document."), status=403)
    supersedes = None
    if supersedes_id is not None:
        supersedes = Document.objects.filter(pk=supersedes_id, working_group=group, state=Document.State.ADOPTED).first()
        if supersedes is None:
            raise ValidationError({"supersedes": _("Choisissez un document adopté de ce groupe.")})
    document = dossier_create(
        Document, by=by, grant_owner=("view", "change"), working_group=group, kind=kind, title=title,
        summary=summary, audience=audience, supersedes=supersedes,
    )
    for member in get_user_model().objects.filter(pk__in=group.member_ids() - {by.pk}):
        grant(member, document, "view", "change")
    return document


@transaction.atomic
def document_version_add(*, reference: str, by, upload, note: str = "") -> DocumentVersion:
    """A member uploads a new version while the document is with the group."""
    document = access_document(by, reference, for_update=True)
    if not _may_write(document.working_group, by):
        raise GovernanceRefused(_("Seuls les membres du groupe de travail déposent des versions."), status=403)
    if document.state not in Document.OPEN_STATES:
        raise GovernanceRefused(_("Le document n'est pas avec le groupe : on n'y dépose plus de version."), status=409)
    try:
        checked = inspect_upload(upload, accept=DOCUMENT_UPLOAD)
    except ValidationError as error:
        raise ValidationError({"upload": error.messages}) from None
    number = (document.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = DocumentVersion(
        document=document, number=number, original_name=checked.download_name[:255], size=checked.size,
        sha256=checked.sha256, note=note, uploaded_by=by,
    )
    # Stored under the DETECTED extension (the download's name and type come from it).
    version.file.save(f"version.{checked.extension}", ContentFile(checked.content), save=False)
    try:
        version.save()
    except Exception:
        version.file.delete(save=False)
        raise
    record_event(document, by=by, comment=_("Version %(number)d déposée.") % {"number": number}, label=_("Nouvelle version"), public=True)
    return version


@transaction.atomic
def document_submit(*, reference: str, by, comment: str = "") -> Document:
    """Submit (or, after changes were asked, resubmit) the document to the COPIL."""
    document = access_document(by, reference)
    name = "resubmit" if document.state == Document.State.CHANGES_REQUESTED else "submit"
    perform(document, name, by=by, comment=comment)
    return document


@transaction.atomic
def document_withdraw(*, reference: str, by, comment: str = "") -> Document:
    document = access_document(by, reference)
    perform(document, "withdraw", by=by, comment=comment)
    return document


def open_copil_ballot(document: Document, *, by=None):
    """The COPIL is asked to adopt the latest version and publish it to the proposed audience."""
    version = document.versions.order_by("-number").first()
    audience = document.get_audience_display()
    committee = Committee.objects.get(code=COPIL)
    return ballot_open(
        dossier=document,
        committee=committee,
        question=_("Adopter « %(title)s » (%(kind)s, version %(number)d) et le publier pour %(audience)s ?")
        % {"title": document.title, "kind": document.get_kind_display(), "number": version.number, "audience": audience},
        conditions=_("Publication : %(audience)s.") % {"audience": audience},
    )
