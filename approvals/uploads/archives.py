"""Office documents (DOCX, XLSX, ODT, ODS) are ZIP archives: each member is
streamed through zlib in small chunks against a byte budget, after checking
the end-of-archive record for the member count and the declared sizes and
ratios. Declared sizes are never trusted alone, so a decompression bomb is
refused after reading a few megabytes at most, in a fraction of a second."""

import io
import struct
import zipfile
import zlib

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .filetypes import DOCX, ODS, ODT, XLSX, FileType
from .limits import CHUNK, RATIO_FLOOR_BYTES, archive_max_bytes, archive_max_members, archive_max_ratio
from .refusing import Refusal


def _end_record(data: bytes) -> tuple[int, int, int]:
    """(member count, central directory size, its offset) read from the
    end-of-archive record, before zipfile builds anything in memory."""
    tail_start = max(0, len(data) - (22 + 65535))
    position = data.rfind(b"PK\x05\x06", tail_start)
    if position < 0 or len(data) - position < 22:
        raise Refusal(_("Le fichier « %(name)s » n'est pas une archive lisible (document endommagé ?)."), "bad_archive")
    (_sig, disk, cd_disk, _here, total, cd_size, cd_offset, _comment) = struct.unpack("<IHHHHIIH", data[position:position + 22])
    if disk or cd_disk or total == 0xFFFF or cd_size == 0xFFFFFFFF or cd_offset == 0xFFFFFFFF:
        # Multi-disk or ZIP64: no office document of a few megabytes needs either.
        raise Refusal(_("Le fichier « %(name)s » est une archive d'un format non accepté (multi-volume ou ZIP64)."), "bad_archive")
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
            raise Refusal(self.message, "archive_bomb", limit=filesizeformat(self.max_total))


def _unreadable() -> Refusal:
    return Refusal(_("Le fichier « %(name)s » n'est pas une archive lisible (document endommagé ?)."), "bad_archive")


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


def inspect_archive(data: bytes) -> FileType | None:
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
        raise Refusal(
            _("Le fichier « %(name)s » contient trop d'éléments (%(count)s ; %(max)s au plus) : ce n'est pas un "
              "document ordinaire."),
            "archive_members", count=max(total, cd_size // 46), max=max_members,
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise Refusal(_("Le fichier « %(name)s » n'est pas une archive lisible (document endommagé ?)."), "bad_archive") from None
    with archive:
        members = archive.infolist()
        if len(members) > max_members:
            raise Refusal(
                _("Le fichier « %(name)s » contient trop d'éléments (%(count)s ; %(max)s au plus) : ce n'est pas un "
                  "document ordinaire."),
                "archive_members", count=len(members), max=max_members,
            )
        names = [member.filename for member in members]
        if len(set(names)) != len(names):
            raise Refusal(_("Le fichier « %(name)s » n'est pas une archive lisible (document endommagé ?)."), "bad_archive")
        # Declared sizes first (cheap), then the real bytes, streamed.
        declared = 0
        for member in members:
            if member.flag_bits & 0x1:
                raise Refusal(_("Le fichier « %(name)s » est protégé par un mot de passe : enlevez la protection puis "
                                 "déposez-le à nouveau."), "encrypted")
            if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise Refusal(_("Le fichier « %(name)s » utilise une compression non acceptée : enregistrez-le à "
                                 "nouveau depuis votre logiciel."), "bad_archive")
            declared += member.file_size
            if declared > max_total or (
                member.file_size > RATIO_FLOOR_BYTES and member.file_size > max_ratio * max(member.compress_size, 1)
            ):
                raise Refusal(bomb, "archive_bomb", limit=filesizeformat(max_total))
        # The real bytes: each member inflated here, in chunks, counting what comes out
        # against what went in; zipfile's own reader is not used, declared sizes are not trusted.
        budget = _Budget(max_total, max_ratio, bomb)
        heads: dict[str, bytes] = {}
        for member in members:
            heads[member.filename] = _stream_member(data, member, budget, keep=member.filename in _WANTED)
    lowered = {name.lower() for name in names}
    if any(name.endswith("vbaproject.bin") for name in lowered):
        raise Refusal(_("Le fichier « %(name)s » contient des macros : enregistrez-le sans macros (.docx, .xlsx) puis "
                         "déposez-le à nouveau."), "macros")
    mimetype = heads.get("mimetype", b"").strip()
    if mimetype == ODT.content_type.encode() and "content.xml" in names:
        return ODT
    if mimetype == ODS.content_type.encode() and "content.xml" in names:
        return ODS
    types = heads.get("[Content_Types].xml", b"")
    if b"macroEnabled" in types:
        raise Refusal(_("Le fichier « %(name)s » contient des macros : enregistrez-le sans macros (.docx, .xlsx) puis "
                         "déposez-le à nouveau."), "macros")
    if b"wordprocessingml.document.main+xml" in types and "word/document.xml" in names:
        return DOCX
    if b"spreadsheetml.sheet.main+xml" in types and "xl/workbook.xml" in names:
        return XLSX
    return None
