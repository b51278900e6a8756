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
check that every path is covered. Domain apps import this package; it imports
none of them.

The rooms: `filetypes` (what a file may be, told from its first bytes),
`limits` (settings), `policies` (one per path), `inspection` (the entry
point), `archives`, `pdf`, `images` (one check per family), `names`
(download names and headers), `refusing` (how a check says no).
"""

from .filetypes import (
    ARCHIVE_TYPES,
    CSV,
    DOCX,
    FILE_TYPES,
    IMAGE_TYPES,
    JPEG,
    ODS,
    ODT,
    PDF,
    PNG,
    TEXT_TYPES,
    TXT,
    WEBP,
    XLSX,
    FileType,
    content_type_for,
)
from .inspection import CheckedUpload, inspect_upload
from .limits import archive_max_bytes, archive_max_members, archive_max_ratio, max_pixels
from .names import attachment_headers, download_name
from .policies import UPLOAD_POLICIES, UploadPolicy, upload_policy

__all__ = [
    "ARCHIVE_TYPES",
    "CSV",
    "DOCX",
    "FILE_TYPES",
    "IMAGE_TYPES",
    "JPEG",
    "ODS",
    "ODT",
    "PDF",
    "PNG",
    "TEXT_TYPES",
    "TXT",
    "UPLOAD_POLICIES",
    "WEBP",
    "XLSX",
    "CheckedUpload",
    "FileType",
    "UploadPolicy",
    "archive_max_bytes",
    "archive_max_members",
    "archive_max_ratio",
    "attachment_headers",
    "content_type_for",
    "download_name",
    "inspect_upload",
    "max_pixels",
    "upload_policy",
]
