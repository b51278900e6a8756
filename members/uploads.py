"""Checking an uploaded document: its size, and its type read from its
content (magic bytes), never from its name or the browser's claim.

Pure Python, no native library: PDF, PNG, JPEG, and the two office text
formats (DOCX and ODT are ZIP archives recognised by what they contain).
"""

import hashlib
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    extension: str
    size: int
    sha256: str


def max_upload_bytes() -> int:
    return int(getattr(settings, "RELAIS_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _zip_kind(uploaded) -> tuple[str, str] | None:
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype")[:100].strip() == ODT.encode():
                return ODT, "odt"
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                types = archive.read("[Content_Types].xml")[:200_000]
                if b"wordprocessingml.document.main+xml" in types:
                    return DOCX, "docx"
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, NotImplementedError):
        return None
    finally:
        uploaded.seek(0)
    return None


def sniff(uploaded) -> tuple[str, str] | None:
    """(content type, extension) from the first bytes, or None if not accepted."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf", "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", "jpg"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(uploaded)
    return None


def check_upload(uploaded) -> CheckedFile:
    """Raise ValidationError with a sentence a person can act on, or describe the file."""
    limit = max_upload_bytes()
    if uploaded.size > limit:
        raise ValidationError(
            _("Le fichier « %(name)s » pèse %(size)s : la limite est de %(limit)s. Réduisez-le (ou scannez-le en "
              "plus basse résolution) puis déposez-le à nouveau.")
            % {"name": uploaded.name, "size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if uploaded.size == 0:
        raise ValidationError(_("Le fichier « %(name)s » est vide.") % {"name": uploaded.name}, code="empty")
    kind = sniff(uploaded)
    if kind is None:
        raise ValidationError(
            _("Le fichier « %(name)s » n'est pas d'un type accepté (son contenu a été vérifié). "
              "Déposez un PDF, une image PNG ou JPEG, ou un document Word (.docx) ou OpenDocument (.odt).")
            % {"name": uploaded.name},
            code="bad_type",
        )
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return CheckedFile(content_type=kind[0], extension=kind[1], size=uploaded.size, sha256=digest.hexdigest())
