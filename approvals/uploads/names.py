"""The name a stored file is offered under, and the headers of its download."""

import re
from pathlib import PurePath

from django.utils.http import content_disposition_header


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
