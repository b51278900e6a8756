"""The types an upload may be, and how each is recognised from its first bytes."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class FileType:
    key: str
    content_type: str
    extension: str
    label: str  # shown in messages


PDF = FileType("pdf", "application/pdf", "pdf", "PDF")
PNG = FileType("png", "image/png", "png", "PNG")
JPEG = FileType("jpeg", "image/jpeg", "jpg", "JPEG")
WEBP = FileType("webp", "image/webp", "webp", "WebP")
DOCX = FileType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Word (.docx)")
XLSX = FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "Excel (.xlsx)")
ODT = FileType("odt", "application/vnd.oasis.opendocument.text", "odt", "OpenDocument (.odt)")
ODS = FileType("ods", "application/vnd.oasis.opendocument.spreadsheet", "ods", "OpenDocument (.ods)")
CSV = FileType("csv", "text/csv", "csv", "CSV")
TXT = FileType("txt", "text/plain", "txt", gettext_lazy("texte (.txt)"))

FILE_TYPES = {kind.key: kind for kind in (PDF, PNG, JPEG, WEBP, DOCX, XLSX, ODT, ODS, CSV, TXT)}
ARCHIVE_TYPES = {DOCX, XLSX, ODT, ODS}
IMAGE_TYPES = {PNG, JPEG, WEBP}
TEXT_TYPES = {CSV, TXT}


def content_type_for(extension: str) -> str:
    """The content type to serve a stored file with, from its (detected) extension."""
    extension = extension.lower().lstrip(".")
    for kind in FILE_TYPES.values():
        if kind.extension == extension or (kind is JPEG and extension == "jpeg"):
            return kind.content_type
    return "application/octet-stream"


def magic(head: bytes) -> str | None:
    """What the first bytes say the file is: a FILE_TYPES key, "zip", "ole",
    "program", or None (text, or something we do not know)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith((b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")):
        return "program"
    return None


# A browser that guessed the type of such a file would run it as a page.
_ACTIVE_CONTENT = re.compile(
    rb"<(?:html|head|body|script|iframe|svg|object|embed|frameset|\?php)[\s/>]|<!doctype\s+html|<\?xml-stylesheet",
    re.IGNORECASE,
)


def has_active_content(data: bytes) -> bool:
    return _ACTIVE_CONTENT.search(data) is not None
