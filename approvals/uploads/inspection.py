"""The one entry point, `inspect_upload`: read the bytes under the path's
limit, say what they are, and hand each type to its check."""

import hashlib
from dataclasses import dataclass
from pathlib import PurePath

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .archives import inspect_archive
from .filetypes import ARCHIVE_TYPES, FILE_TYPES, IMAGE_TYPES, PDF, TEXT_TYPES, FileType, has_active_content, magic
from .images import reencode_image
from .limits import CHUNK
from .names import download_name
from .pdf import check_pdf
from .policies import UploadPolicy
from .refusing import Refusal, validation_error


@dataclass(frozen=True)
class CheckedUpload:
    """What was found; `content` is what to store (an image re-encoded)."""

    file_type: FileType
    content: bytes
    size: int
    sha256: str
    original_name: str

    @property
    def content_type(self) -> str:
        return self.file_type.content_type

    @property
    def extension(self) -> str:
        return self.file_type.extension

    @property
    def download_name(self) -> str:
        return download_name(self.original_name, self.extension)


def _check_text(data: bytes, accepted: tuple, name: str) -> FileType | None:
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return None
    suffix = PurePath(name or "").suffix.lower().lstrip(".")
    for kind in accepted:
        if kind.extension == suffix:
            return kind
    return accepted[0]


def _read_all(upload, limit: int) -> bytes:
    if isinstance(upload, (bytes, bytearray)):
        return bytes(upload[: limit + 1])
    if hasattr(upload, "seek"):
        upload.seek(0)
    parts, size = [], 0
    while size <= limit:
        chunk = upload.read(min(CHUNK * 16, limit + 1 - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    if hasattr(upload, "seek"):
        upload.seek(0)
    return b"".join(parts)


def inspect_upload(upload, *, accept: UploadPolicy, name: str | None = None) -> CheckedUpload:
    """Check an uploaded file (an UploadedFile, a file object or bytes) for one
    upload path. Returns its detected type and what to store, or raises
    ValidationError with a sentence a person can act on."""
    name = name if name is not None else getattr(upload, "name", "") or ""
    # A form's clean and the service behind it both check the same upload: once is enough.
    earlier = getattr(upload, "_relais_checked", None)
    if earlier is not None and earlier[0] == (accept.name, name, getattr(upload, "size", None)):
        return earlier[1]
    checked = _inspect(upload, accept, name)
    try:
        upload._relais_checked = ((accept.name, name, getattr(upload, "size", None)), checked)
    except AttributeError:  # bytes
        pass
    return checked


def _inspect(upload, accept: UploadPolicy, name: str) -> CheckedUpload:
    limit = accept.max_bytes()
    declared = len(upload) if isinstance(upload, (bytes, bytearray)) else getattr(upload, "size", None)
    too_large = _("Le fichier « %(name)s » pèse %(size)s : la limite est de %(limit)s. Réduisez-le (ou scannez-le en "
                  "plus basse résolution) puis déposez-le à nouveau.")
    if declared is not None and declared > limit:
        raise validation_error(too_large, "too_large", name, size=filesizeformat(declared), limit=filesizeformat(limit))
    data = _read_all(upload, limit)
    if len(data) > limit:
        raise validation_error(too_large, "too_large", name, size=filesizeformat(len(data)), limit=filesizeformat(limit))
    if not data:
        raise validation_error(_("Le fichier « %(name)s » est vide."), "empty", name)
    try:
        kind = _detect(data, accept, name)
    except Refusal as refused:
        raise validation_error(refused.message, refused.code, name, **refused.values) from None
    content = data
    if kind in IMAGE_TYPES:
        try:
            content = reencode_image(data, kind)
        except Refusal as refused:
            raise validation_error(refused.message, refused.code, name, **refused.values) from None
    return CheckedUpload(
        file_type=kind, content=content, size=len(content), sha256=hashlib.sha256(content).hexdigest(), original_name=name,
    )


def _wrong_type(accept: UploadPolicy) -> Refusal:
    return Refusal(
        _("Le fichier « %(name)s » n'est pas d'un type accepté ici (son contenu a été vérifié, pas seulement son nom). "
          "Types acceptés : %(types)s."),
        "bad_type", types=accept.accepted_labels(),
    )


def _detect(data: bytes, accept: UploadPolicy, name: str) -> FileType:
    accepted = accept.types
    detected = magic(data[:16])
    if detected == "program":
        raise Refusal(_("Le fichier « %(name)s » n'est pas d'un type accepté : c'est un programme, quel que soit son nom. Ce type de "
                           "fichier n'est jamais accepté."), "program")
    if detected == "ole":
        raise Refusal(
            _("Le fichier « %(name)s » est dans un ancien format Office (.doc, .xls) : enregistrez-le au format "
              "actuel (.docx, .xlsx) ou en PDF, puis déposez-le à nouveau."),
            "legacy_office",
        )
    if detected is None:
        text_types = tuple(kind for kind in accepted if kind in TEXT_TYPES)
        if text_types and not has_active_content(data):
            kind = _check_text(data, text_types, name)
            if kind is not None:
                return kind
        if has_active_content(data[:4096]):
            raise Refusal(_("Le fichier « %(name)s » n'est pas d'un type accepté : c'est une page web (HTML, SVG ou "
                             "script), quel que soit son nom. Ce type de fichier n'est jamais accepté."), "active_content")
        raise _wrong_type(accept)
    if detected == "zip":
        if not any(kind in ARCHIVE_TYPES for kind in accepted):
            raise _wrong_type(accept)
        kind = inspect_archive(data)
        if kind is None or kind not in accepted:
            raise _wrong_type(accept)
        if has_active_content(data[:1024]):
            raise _wrong_type(accept)
        return kind
    kind = FILE_TYPES[detected]
    if kind not in accepted:
        raise _wrong_type(accept)
    if kind is PDF:
        check_pdf(data)
    elif kind in IMAGE_TYPES and has_active_content(data):
        raise Refusal(_("L'image « %(name)s » contient aussi une page web (HTML ou script) : ce fichier est refusé. "
                         "Enregistrez l'image à nouveau (ou faites une capture d'écran), puis déposez-la."), "polyglot")
    return kind
