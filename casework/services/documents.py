"""Documents of a case: checked by their bytes, encrypted, stored privately."""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from approvals.access import can
from approvals.services import record_event

from .. import crypto
from ..models import Case, CaseDocument
from .errors import CaseworkRefused

# What the bytes say, not what the browser or the file name claims.
_SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
]


def sniff_content_type(head: bytes) -> str | None:
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def max_document_bytes() -> int:
    return int(getattr(settings, "RELAIS_CASE_DOCUMENT_MAX_BYTES", 5 * 1024 * 1024))


def read_upload(upload) -> tuple[bytes, str]:
    """The upload's bytes and their content type, or a refusal saying what to do."""
    limit = max_document_bytes()
    if upload.size > limit:
        raise CaseworkRefused(
            _("Fichier trop lourd : %(limit)d Mo au plus. Réduisez-le (photo moins grande, PDF compressé).")
            % {"limit": limit // (1024 * 1024)},
            status=400,
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise CaseworkRefused(_("Fichier trop lourd."), status=400)
    content_type = sniff_content_type(data[:16])
    if content_type is None:
        raise CaseworkRefused(_("Format non accepté : envoyez un PDF, une photo JPEG, PNG ou WebP."), status=400)
    return data, content_type


@transaction.atomic
def document_add(*, case_id: int, by, kind: str, upload) -> CaseDocument:
    case = Case.objects.select_for_update().get(pk=case_id)
    if not can(by, "change", case):
        raise CaseworkRefused(_("Vous n'avez pas le droit d'ajouter un document à ce cas."), status=403)
    if kind not in CaseDocument.Kind.values:
        raise CaseworkRefused(_("Type de document inconnu."), status=400)
    data, content_type = read_upload(upload)
    document = CaseDocument(
        case=case,
        kind=kind,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
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
