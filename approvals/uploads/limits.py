"""How much an upload may weigh once opened; settings override the defaults."""

from django.conf import settings

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
