"""Documents of a case: checked by their bytes, encrypted, stored privately."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from approvals.services import record_event
from approvals.uploads import JPEG, PDF, PNG, WEBP, CheckedUpload, inspect_upload, upload_policy

from .. import crypto
from ..models import Case, CaseDocument
from ..permissions import may_change_case
from .errors import CaseworkRefused

def max_document_bytes() -> int:
    return int(getattr(settings, "RELAIS_CASE_DOCUMENT_MAX_BYTES", 5 * 1024 * 1024))


CASE_DOCUMENT = upload_policy(
    "case_document",
    types=(PDF, JPEG, PNG, WEBP),
    max_bytes=max_document_bytes,
    description="Documents d'un cas d'urgence (et preuve d'un décaissement)",
)


def read_upload(upload) -> CheckedUpload:
    """The checked upload (what to store, its type), or a refusal saying what to do."""
    try:
        return inspect_upload(upload, accept=CASE_DOCUMENT)
    except ValidationError as error:
        raise CaseworkRefused(" ".join(error.messages), status=400) from None


@transaction.atomic
def document_add(*, case_id: int, by, kind: str, upload) -> CaseDocument:
    case = Case.objects.select_for_update().get(pk=case_id)
    if not may_change_case(by, case):
        raise CaseworkRefused(_("Vous n'avez pas le droit d'ajouter un document à ce cas."), status=403)
    if kind not in CaseDocument.Kind.values:
        raise CaseworkRefused(_("Type de document inconnu."), status=400)
    checked = read_upload(upload)
    data = checked.content  # an image re-encoded: what it hid (and its GPS position) is gone
    document = CaseDocument(
        case=case,
        kind=kind,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
    )
    document.file.save("document.bin", ContentFile(crypto.encrypt_bytes(data)), save=False)
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    record_event(case, by=by, comment=_("Document ajouté : %(kind)s.") % {"kind": document.get_kind_display()})
    return document


def document_bytes(document: CaseDocument) -> bytes:
    with document.file.open("rb") as handle:
        return crypto.decrypt_bytes(handle.read())
