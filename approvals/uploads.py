"""Every uploaded file goes through `inspect_upload` before anything opens it.

One mechanism for every upload path (membership documents, case documents,
proposal documents, letter templates, the opportunity sheet): the type is
read from the content, never from the name or the browser's claim, then the
content must hold up as that type:

- an archive (DOCX, ODT, XLSX, ODS) is inspected by STREAMING each member
  through zipfile in small chunks against a byte budget, after checking the
  end-of-archive record for the member count and the declared sizes and
  ratios; declared sizes are never trusted alone, so a decompression bomb is
  refused after reading a few megabytes at most, in a fraction of a second;
- a PDF must parse as a PDF (pypdf, under tight limits of its own);
- an image must decode under a pixel cap, and is re-encoded: what is stored
  is the decoded picture, so a polyglot's hidden payload, comments and
  metadata (GPS position of a photo) are dropped;
- text (CSV, TXT) has no NUL byte and is UTF-8 or Windows-1252;
- nothing that a browser could read as a web page (HTML, SVG, script) is
  accepted, whatever its name.

Each path declares an `UploadPolicy` (the types it accepts, its size limit)
with `upload_policy()`; `UPLOAD_POLICIES` lists them all, so that a test can
check that every path is covered. Domain apps import this module; it imports
none of them.
"""

import hashlib
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import Callable

from django.conf import settings
from PIL import Image, ImageOps
from pypdf import PdfReader, apply_configuration
from pypdf.errors import PyPdfError
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# --- the types we know ------------------------------------------------------------------------


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
_PILLOW_FORMAT = {PNG: "PNG", JPEG: "JPEG", WEBP: "WEBP"}


def content_type_for(extension: str) -> str:
    """The content type to serve a stored file with, from its (detected) extension."""
    extension = extension.lower().lstrip(".")
    for kind in FILE_TYPES.values():
        if kind.extension == extension or (kind is JPEG and extension == "jpeg"):
            return kind.content_type
    return "application/octet-stream"


# --- limits -----------------------------------------------------------------------------------

# Office documents are a few dozen members and a few megabytes of XML once
# inflated; a bomb is thousands of members or a ratio of a thousand to one.
DEFAULT_ARCHIVE_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_ARCHIVE_MAX_MEMBERS = 1000
DEFAULT_ARCHIVE_MAX_RATIO = 100
# Ratios are judged on members that inflate past this size (a tiny XML part
# of repeated spaces may well compress 200 to 1).
RATIO_FLOOR_BYTES = 1024 * 1024
DEFAULT_MAX_PIXELS = 25_000_000  # a 25-megapixel photo: about 75 MB decoded
MAX_PDF_PAGES = 5000
CHUNK = 64 * 1024


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def archive_max_bytes() -> int:
    return _setting("RELAIS_UPLOAD_ARCHIVE_MAX_BYTES", DEFAULT_ARCHIVE_MAX_BYTES)


def archive_max_members() -> int:
    return _setting("RELAIS_UPLOAD_ARCHIVE_MAX_MEMBERS", DEFAULT_ARCHIVE_MAX_MEMBERS)


def archive_max_ratio() -> int:
    return _setting("RELAIS_UPLOAD_ARCHIVE_MAX_RATIO", DEFAULT_ARCHIVE_MAX_RATIO)


def max_pixels() -> int:
    return _setting("RELAIS_UPLOAD_MAX_PIXELS", DEFAULT_MAX_PIXELS)


# --- policies: one per upload path ------------------------------------------------------------


@dataclass(frozen=True)
class UploadPolicy:
    name: str
    types: tuple
    max_bytes: Callable[[], int]
    description: str = ""

    def accepted_labels(self) -> str:
        return ", ".join(str(kind.label) for kind in self.types)


UPLOAD_POLICIES: dict[str, UploadPolicy] = {}


def upload_policy(name: str, *, types, max_bytes, description: str = "") -> UploadPolicy:
    """Declare an upload path: the types it accepts and its size limit (bytes,
    or a callable read at each upload so that settings apply)."""
    limit = max_bytes if callable(max_bytes) else (lambda value=int(max_bytes): value)
    policy = UploadPolicy(name=name, types=tuple(types), max_bytes=limit, description=description)
    UPLOAD_POLICIES[name] = policy
    return policy


# --- the result -------------------------------------------------------------------------------


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


def download_name(original_name: str, extension: str) -> str:
    """The name offered at download: the uploaded name's stem, the DETECTED extension."""
    stem = PurePath((original_name or "").replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    stem = re.sub(r"[\x00-\x1f\x7f\"/\\]", "", stem).strip(" .")[:120] or "document"
    return f"{stem}.{extension}" if extension else stem


def attachment_headers(response, filename: str):
    """Downloads: always an attachment, never sniffed, never cached by a proxy."""
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response.setdefault("Cache-Control", "private, no-store")
    return response


# --- refusing ---------------------------------------------------------------------------------


def _short(name: str) -> str:
    name = PurePath((name or "").replace("\\", "/")).name or _("sans nom")
    return name if len(name) <= 80 else name[:77] + "…"


def _refuse(message: str, code: str, name: str, **values) -> ValidationError:
    return ValidationError(message % {"name": _short(name), **values}, code=code)


class _Refused(Exception):
    def __init__(self, message: str, code: str, **values):
        super().__init__(message)
        self.message, self.code, self.values = message, code, values


# A browser that guessed the type of such a file would run it as a page.
_ACTIVE_CONTENT = re.compile(
    rb"<(?:html|head|body|script|iframe|svg|object|embed|frameset|\?php)[\s/>]|<!doctype\s+html|<\?xml-stylesheet",
    re.IGNORECASE,
)


def _has_active_content(data: bytes) -> bool:
    return _ACTIVE_CONTENT.search(data) is not None


# --- detecting by content ---------------------------------------------------------------------


def _magic(head: bytes) -> str | None:
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


def _end_record(data: bytes) -> tuple[int, int, int]:
    """(member count, central directory size, its offset) read from the
    end-of-archive record, before zipfile builds anything in memory."""
    tail_start = max(0, len(data) - (22 + 65535))
    position = data.rfind(b"PK\x05\x06", tail_start)
    if position < 0 or len(data) - position < 22:
        raise _Refused(_("Le fichier « %(name)s » n'est pas une archive lisible (document endommagé ?)."), "bad_archive")
    (_sig, disk, cd_disk, _here, total, cd_size, cd_offset, _comment) = struct.unpack("<IHHHHIIH", data[position:position + 22])
    if disk or cd_disk or total == 0xFFFF or cd_size == 0xFFFFFFFF or cd_offset == 0xFFFFFFFF:
        # Multi-disk or ZIP64: no office document of a few megabytes needs either.
        raise _Refused(_("Le fichier « %(name)s » est une archive d'un format non accepté (multi-volume ou ZIP64)."), "bad_archive")
    return total, cd_size, cd_offset


_WANTED = {"mimetype", "[Content_Types].xml"}
_HEAD_BYTES = 200_000


class _Budget:
    """Bytes inflated so far, for the whole archive."""

    def __init__(self, max_total: int, max_ratio: int, message: str):
        self.max_total, self.max_ratio, self.message, self.total = max_total, max_ratio, message, 0

    def spend(self, produced: int, member_out: int, member_in: int) -> None:
        self.total += produced
        if self.total > self.max_total or (member_out > RATIO_FLOOR_BYTES and member_out > self.max_ratio * max(member_in, 1)):
            raise _Refused(self.message, "archive_bomb", limit=filesizeformat(self.max_total))


def _unreadable() -> _Refused:
    return _Refused(_("Le fichier « %(name)s » n'est pas une archive lisible (document endommagé ?)."), "bad_archive")


def _stream_member(data: bytes, member: zipfile.ZipInfo, budget: _Budget, *, keep: bool) -> bytes:
    """Inflate one member chunk by chunk under the budget; check its real size and
    CRC against what the archive declares. Returns its first bytes if `keep`."""
    offset = member.header_offset
    local = data[offset:offset + 30]
    if len(local) < 30 or local[:4] != b"PK\x03\x04":
        raise _unreadable()
    name_length, extra_length = struct.unpack("<HH", local[26:30])
    start = offset + 30 + name_length + extra_length
    raw = memoryview(data)[start:start + member.compress_size]
    if len(raw) != member.compress_size or bytes(data[offset + 30:offset + 30 + name_length]) != member.orig_filename.encode(
        "utf-8" if member.flag_bits & 0x800 else "cp437", "replace"
    ):
        raise _unreadable()
    crc, produced, head = 0, 0, b""
    if member.compress_type == zipfile.ZIP_STORED:
        pieces = (raw[i:i + CHUNK] for i in range(0, len(raw), CHUNK))
    else:
        inflater = zlib.decompressobj(-15)
        pieces = None
    if pieces is not None:
        for piece in pieces:
            piece = bytes(piece)
            crc = zlib.crc32(piece, crc)
            produced += len(piece)
            budget.spend(len(piece), produced, produced)
            if keep and len(head) < _HEAD_BYTES:
                head += piece[: _HEAD_BYTES - len(head)]
    else:
        consumed = 0
        try:
            for index in range(0, max(len(raw), 1), CHUNK):
                pending = bytes(raw[index:index + CHUNK])
                consumed += len(pending)
                while pending:
                    out = inflater.decompress(pending, CHUNK)
                    pending = inflater.unconsumed_tail
                    crc = zlib.crc32(out, crc)
                    produced += len(out)
                    budget.spend(len(out), produced, consumed - len(pending))
                    if keep and len(head) < _HEAD_BYTES:
                        head += out[: _HEAD_BYTES - len(head)]
                    if inflater.eof or not out:
                        break
                if inflater.eof:
                    break
            if not inflater.eof:
                raise _unreadable()
        except zlib.error:
            raise _unreadable() from None
    if produced != member.file_size or (crc & 0xFFFFFFFF) != member.CRC:
        # How a member that lies about its size ends.
        raise _unreadable()
    return head


def _inspect_archive(data: bytes) -> FileType | None:
    """Stream every member against the caps; then say which office type it is (or None)."""
    max_members, max_total, max_ratio = archive_max_members(), archive_max_bytes(), archive_max_ratio()
    bomb = _(
        "Le fichier « %(name)s » est refusé : une fois décompressé, il dépasserait %(limit)s "
        "(ou se comprime de façon anormale). Un document ordinaire n'en approche pas : enregistrez-le à nouveau "
        "depuis votre traitement de texte ou votre tableur, puis déposez-le."
    )
    total, cd_size, _offset = _end_record(data)
    # Each central directory entry takes 46 bytes and a name: a lying count does not hide a huge directory.
    if total > max_members or cd_size > max_members * (46 + 512):
        raise _Refused(
            _("Le fichier « %(name)s » contient trop d'éléments (%(count)s ; %(max)s au plus) : ce n'est pas un "
              "document ordinaire."),
            "archive_members", count=max(total, cd_size // 46), max=max_members,
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise _Refused(_("Le fichier « %(name)s » n'est pas une archive lisible (document endommagé ?)."), "bad_archive") from None
    with archive:
        members = archive.infolist()
        if len(members) > max_members:
            raise _Refused(
                _("Le fichier « %(name)s » contient trop d'éléments (%(count)s ; %(max)s au plus) : ce n'est pas un "
                  "document ordinaire."),
                "archive_members", count=len(members), max=max_members,
            )
        names = [member.filename for member in members]
        if len(set(names)) != len(names):
            raise _Refused(_("Le fichier « %(name)s » n'est pas une archive lisible (document endommagé ?)."), "bad_archive")
        # Declared sizes first (cheap), then the real bytes, streamed.
        declared = 0
        for member in members:
            if member.flag_bits & 0x1:
                raise _Refused(_("Le fichier « %(name)s » est protégé par un mot de passe : enlevez la protection puis "
                                 "déposez-le à nouveau."), "encrypted")
            if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise _Refused(_("Le fichier « %(name)s » utilise une compression non acceptée : enregistrez-le à "
                                 "nouveau depuis votre logiciel."), "bad_archive")
            declared += member.file_size
            if declared > max_total or (
                member.file_size > RATIO_FLOOR_BYTES and member.file_size > max_ratio * max(member.compress_size, 1)
            ):
                raise _Refused(bomb, "archive_bomb", limit=filesizeformat(max_total))
        # The real bytes: each member inflated here, in chunks, counting what comes out
        # against what went in; zipfile's own reader is not used, declared sizes are not trusted.
        budget = _Budget(max_total, max_ratio, bomb)
        heads: dict[str, bytes] = {}
        for member in members:
            heads[member.filename] = _stream_member(data, member, budget, keep=member.filename in _WANTED)
    lowered = {name.lower() for name in names}
    if any(name.endswith("vbaproject.bin") for name in lowered):
        raise _Refused(_("Le fichier « %(name)s » contient des macros : enregistrez-le sans macros (.docx, .xlsx) puis "
                         "déposez-le à nouveau."), "macros")
    mimetype = heads.get("mimetype", b"").strip()
    if mimetype == ODT.content_type.encode() and "content.xml" in names:
        return ODT
    if mimetype == ODS.content_type.encode() and "content.xml" in names:
        return ODS
    types = heads.get("[Content_Types].xml", b"")
    if b"macroEnabled" in types:
        raise _Refused(_("Le fichier « %(name)s » contient des macros : enregistrez-le sans macros (.docx, .xlsx) puis "
                         "déposez-le à nouveau."), "macros")
    if b"wordprocessingml.document.main+xml" in types and "word/document.xml" in names:
        return DOCX
    if b"spreadsheetml.sheet.main+xml" in types and "xl/workbook.xml" in names:
        return XLSX
    return None


def _check_pdf(data: bytes) -> None:
    broken = _("Le fichier « %(name)s » commence comme un PDF mais ne se lit pas comme un PDF. Ré-exportez-le en PDF "
               "depuis votre logiciel, puis déposez-le à nouveau.")
    # A file that is a PDF, then a web page after its end.
    end = data.rfind(b"%%EOF")
    if end < 0 or _has_active_content(data[:1024]) or _has_active_content(data[end:]):
        raise _Refused(broken, "bad_pdf")
    limits = dict(
        maximum_declared_stream_length=20_000_000,
        zlib_maximum_output_length=20_000_000,
        lzw_maximum_output_length=20_000_000,
        run_length_maximum_output_length=20_000_000,
        array_based_stream_maximum_output_length=20_000_000,
        jbig2_maximum_output_length=20_000_000,
        brotli_maximum_output_length=20_000_000,
        stream_decoding_work_maximum_length=50_000_000,
        page_tree_maximum_entries=MAX_PDF_PAGES * 2,
        page_tree_maximum_page_entries=MAX_PDF_PAGES * 20,
        page_tree_maximum_depth=50,
        jbig2dec_binary=None,  # never an outside program for an upload
    )
    try:
        with apply_configuration(**limits):
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise _Refused(_("Le fichier « %(name)s » est protégé par un mot de passe : enlevez la protection "
                                 "puis déposez-le à nouveau."), "encrypted")
            pages = len(reader.pages)
    except _Refused:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError, OSError,
            AssertionError, LookupError, ArithmeticError):
        raise _Refused(broken, "bad_pdf") from None
    except Exception:  # pypdf on a hostile file raises what it raises; none of it is a server error
        raise _Refused(broken, "bad_pdf") from None
    if not 1 <= pages <= MAX_PDF_PAGES:
        raise _Refused(broken, "bad_pdf")


def _reencode_image(data: bytes, kind: FileType) -> bytes:
    broken = _("L'image « %(name)s » ne se lit pas comme une image %(format)s. Enregistrez-la à nouveau (ou faites une "
               "capture d'écran), puis déposez-la.")
    cap = max_pixels()
    fmt = _PILLOW_FORMAT[kind]
    try:
        with Image.open(io.BytesIO(data), formats=[fmt]) as image:
            width, height = image.size
            if width <= 0 or height <= 0 or width * height > cap:
                raise _Refused(
                    _("L'image « %(name)s » est trop grande (%(width)s × %(height)s pixels ; %(max)s millions de pixels "
                      "au plus). Réduisez sa résolution, puis déposez-la à nouveau."),
                    "too_many_pixels", width=width, height=height, max=cap // 1_000_000,
                )
            image.load()
            icc = image.info.get("icc_profile")
            picture = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            if kind is JPEG:
                if picture.mode not in ("RGB", "L"):
                    picture = picture.convert("RGB")
                picture.save(out, "JPEG", quality=90, icc_profile=icc if icc and len(icc) < 1_000_000 else None)
            elif kind is PNG:
                if picture.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
                    picture = picture.convert("RGBA")
                picture.save(out, "PNG")
            else:
                if picture.mode not in ("RGB", "RGBA"):
                    picture = picture.convert("RGBA")
                picture.save(out, "WEBP", quality=90)
            return out.getvalue()
    except _Refused:
        raise
    except Image.DecompressionBombError:
        raise _Refused(
            _("L'image « %(name)s » est trop grande (%(max)s millions de pixels au plus). Réduisez sa résolution, "
              "puis déposez-la à nouveau."),
            "too_many_pixels", max=cap // 1_000_000,
        ) from None
    except Exception:  # Pillow raises OSError, SyntaxError, ValueError… on a broken or hostile file
        raise _Refused(broken, "bad_image", format=kind.label) from None


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


# --- the one entry point ----------------------------------------------------------------------


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
        raise _refuse(too_large, "too_large", name, size=filesizeformat(declared), limit=filesizeformat(limit))
    data = _read_all(upload, limit)
    if len(data) > limit:
        raise _refuse(too_large, "too_large", name, size=filesizeformat(len(data)), limit=filesizeformat(limit))
    if not data:
        raise _refuse(_("Le fichier « %(name)s » est vide."), "empty", name)
    try:
        kind = _detect(data, accept, name)
    except _Refused as refused:
        raise _refuse(refused.message, refused.code, name, **refused.values) from None
    content = data
    if kind in IMAGE_TYPES:
        try:
            content = _reencode_image(data, kind)
        except _Refused as refused:
            raise _refuse(refused.message, refused.code, name, **refused.values) from None
    return CheckedUpload(
        file_type=kind, content=content, size=len(content), sha256=hashlib.sha256(content).hexdigest(), original_name=name,
    )


def _wrong_type(accept: UploadPolicy) -> _Refused:
    return _Refused(
        _("Le fichier « %(name)s » n'est pas d'un type accepté ici (son contenu a été vérifié, pas seulement son nom). "
          "Types acceptés : %(types)s."),
        "bad_type", types=accept.accepted_labels(),
    )


def _detect(data: bytes, accept: UploadPolicy, name: str) -> FileType:
    accepted = accept.types
    magic = _magic(data[:16])
    if magic == "program":
        raise _Refused(_("Le fichier « %(name)s » n'est pas d'un type accepté : c'est un programme, quel que soit son nom. Ce type de "
                           "fichier n'est jamais accepté."), "program")
    if magic == "ole":
        raise _Refused(
            _("Le fichier « %(name)s » est dans un ancien format Office (.doc, .xls) : enregistrez-le au format "
              "actuel (.docx, .xlsx) ou en PDF, puis déposez-le à nouveau."),
            "legacy_office",
        )
    if magic is None:
        text_types = tuple(kind for kind in accepted if kind in TEXT_TYPES)
        if text_types and not _has_active_content(data):
            kind = _check_text(data, text_types, name)
            if kind is not None:
                return kind
        if _has_active_content(data[:4096]):
            raise _Refused(_("Le fichier « %(name)s » n'est pas d'un type accepté : c'est une page web (HTML, SVG ou "
                             "script), quel que soit son nom. Ce type de fichier n'est jamais accepté."), "active_content")
        raise _wrong_type(accept)
    if magic == "zip":
        if not any(kind in ARCHIVE_TYPES for kind in accepted):
            raise _wrong_type(accept)
        kind = _inspect_archive(data)
        if kind is None or kind not in accepted:
            raise _wrong_type(accept)
        if _has_active_content(data[:1024]):
            raise _wrong_type(accept)
        return kind
    kind = FILE_TYPES[magic]
    if kind not in accepted:
        raise _wrong_type(accept)
    if kind is PDF:
        _check_pdf(data)
    elif kind in IMAGE_TYPES and _has_active_content(data):
        raise _Refused(_("L'image « %(name)s » contient aussi une page web (HTML ou script) : ce fichier est refusé. "
                         "Enregistrez l'image à nouveau (ou faites une capture d'écran), puis déposez-la."), "polyglot")
    return kind
