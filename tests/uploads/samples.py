"""Hostile and honest files, built at run time (nothing big is committed).

The bombs are written by hand (local headers, central directory, end record)
so that a member can carry a deflate stream of a gigabyte of zeros, made in a
fraction of a second, and so that its declared size can lie.
"""

import io
import struct
import zlib
from functools import lru_cache

GIB = 1024 * 1024 * 1024
MIB = 1024 * 1024


# --- honest files -----------------------------------------------------------------------


def pdf_bytes(text: str = "Statuts") -> bytes:
    """A real one-page PDF (pypdf writes it)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": text})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_bytes(size=(8, 8), colour=(200, 30, 30)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def jpeg_bytes(size=(8, 8), colour=(30, 30, 200)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


DOCX_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
XLSX_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)


# --- a hand-made ZIP --------------------------------------------------------------------


def _member(name: str, raw: bytes, *, compressed: bytes | None = None, crc: int | None = None, size: int | None = None,
            declared_size: int | None = None):
    """One member: (name, method, crc, compressed bytes, real size, declared size)."""
    if compressed is None:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        compressed = compressor.compress(raw) + compressor.flush()
        crc = zlib.crc32(raw)
        size = len(raw)
    return (name.encode(), 8, crc, compressed, size, size if declared_size is None else declared_size)


def build_zip(members) -> bytes:
    out = io.BytesIO()
    central = []
    for name, method, crc, compressed, _size, declared in members:
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc & 0xFFFFFFFF,
                              len(compressed), declared, len(name), 0))
        out.write(name)
        out.write(compressed)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc & 0xFFFFFFFF,
                                   len(compressed), declared, len(name), 0, 0, 0, 0, 0, offset) + name)
    start = out.tell()
    for entry in central:
        out.write(entry)
    size = out.tell() - start
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), size, start, 0))
    return out.getvalue()


@lru_cache(maxsize=None)
def _zeros_deflated(total: int) -> tuple[bytes, int]:
    """A raw deflate stream of `total` zero bytes, and its CRC-32, in well under a second:
    after a full flush the compressor starts afresh, so one megabyte's output repeats."""
    block = bytes(MIB)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = total // MIB
    stream = piece * count + b"\x03\x00"  # an empty final block
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    return stream, crc


def _office(kind: str):
    if kind == "docx":
        return [_member("[Content_Types].xml", DOCX_TYPES), _member("word/document.xml", b"<w:document/>")], "word/media/big.bin"
    return [_member("[Content_Types].xml", XLSX_TYPES), _member("xl/workbook.xml", b"<workbook/>")], "xl/worksheets/sheet1.xml"


def office_file(kind: str = "docx") -> bytes:
    members, _big = _office(kind)
    return build_zip(members)


def bomb(kind: str = "docx", *, inflated: int = GIB, declared: int | None = None) -> bytes:
    """An office file with one member of `inflated` zero bytes (about a thousandth
    of that once compressed); `declared` makes its declared size lie."""
    members, big = _office(kind)
    stream, crc = _zeros_deflated(inflated)
    members.append(_member(big, b"", compressed=stream, crc=crc, size=inflated, declared_size=declared))
    return build_zip(members)


def many_members(kind: str = "xlsx", count: int = 20_000) -> bytes:
    """Tens of thousands of tiny members (stored, so the file stays small)."""
    members, _big = _office(kind)
    for number in range(count):
        members.append((f"m{number:05d}".encode(), 0, 0, b"", 0, 0))
    return build_zip(members)


# --- polyglots and disguises --------------------------------------------------------------

HTML = b"<html><body><script>alert(document.domain)</script></body></html>\n"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9" height="9"/></svg>'


def html_behind_pdf(padding: int = 0) -> bytes:
    return b"%PDF-1.7\n" + b"%" + b" " * padding + b"\n" + HTML + b"%%EOF\n"


def lying_count() -> bytes:
    """The end record says 3 members; the directory holds twenty thousand."""
    data = many_members("docx")
    end = data.rfind(b"PK\x05\x06")
    return data[: end + 8] + struct.pack("<HH", 3, 3) + data[end + 12:]


def png_html() -> bytes:
    return png_bytes() + HTML


def jpeg_html() -> bytes:
    data = jpeg_bytes()
    comment = b"\xff\xfe" + struct.pack(">H", len(HTML) + 2) + HTML  # a COM segment right after SOI
    return data[:2] + comment + data[2:]


def exe_named_pdf() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"This program cannot be run in DOS mode."


def pixel_bomb(width: int = 30_000, height: int = 30_000) -> bytes:
    """A PNG that says it is 900 megapixels (2.7 GB once decoded) in a few dozen bytes."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(1000))) + chunk(b"IEND", b"")


def hostile_files() -> dict:
    """name -> (file name as uploaded, bytes). Every one of these is refused on every path."""
    return {
        "docx_bomb": ("statuts.docx", bomb("docx")),
        "xlsx_bomb": ("veille.xlsx", bomb("xlsx")),
        "many_members": ("veille.xlsx", many_members("xlsx")),
        "many_members_docx": ("statuts.docx", many_members("docx")),
        "lying_count": ("statuts.docx", lying_count()),
        "lying_size": ("statuts.docx", bomb("docx", declared=1000)),
        "lying_size_under_cap": ("veille.xlsx", bomb("xlsx", declared=40 * MIB)),
        "html_behind_pdf": ("statuts.pdf", html_behind_pdf()),
        "html_behind_pdf_padded": ("statuts.pdf", html_behind_pdf(padding=4000)),
        "pixel_bomb": ("photo.png", pixel_bomb()),
        "png_html": ("photo.png", png_html()),
        "jpeg_html": ("photo.jpg", jpeg_html()),
        "exe_named_pdf": ("statuts.pdf", exe_named_pdf()),
        "svg_named_png": ("photo.png", SVG),
        "html_named_pdf": ("statuts.pdf", HTML),
    }
