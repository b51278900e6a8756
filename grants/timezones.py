"""Time zones: deadlines are stored in UTC, entered with the call's own time
zone and shown in the reader's, which follows the country on their account."""

from functools import wraps
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# The network's countries. DR Congo spans two zones; Kinshasa is the capital's.
COUNTRY_TIME_ZONES = {
    "CM": "Africa/Douala",
    "GA": "Africa/Libreville",
    "TD": "Africa/Ndjamena",
    "CF": "Africa/Bangui",
    "CG": "Africa/Brazzaville",
    "CD": "Africa/Kinshasa",
    "GQ": "Africa/Malabo",
    "ST": "Africa/Sao_Tome",
}

# Zones offered in forms (any valid IANA name is accepted on import).
COMMON_TIME_ZONES = [
    *COUNTRY_TIME_ZONES.values(),
    "Africa/Lubumbashi",
    "Africa/Abidjan",
    "Africa/Dakar",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Africa/Johannesburg",
    "Africa/Addis_Ababa",
    "UTC",
    "Europe/London",
    "Europe/Paris",
    "Europe/Brussels",
    "Europe/Berlin",
    "Europe/Amsterdam",
    "Europe/Stockholm",
    "Europe/Oslo",
    "Europe/Zurich",
    "Europe/Madrid",
    "Europe/Lisbon",
    "America/New_York",
    "America/Toronto",
    "Asia/Tokyo",
]


def time_zone_choices(current: str = ""):
    names = list(dict.fromkeys([settings.TIME_ZONE, *COMMON_TIME_ZONES]))
    if current and current not in names:
        names.append(current)
    return [(name, name.replace("_", " ")) for name in names]


def is_time_zone(name: str) -> bool:
    if not name or name not in _all_zones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


_ZONES: set[str] = set()


def _all_zones() -> set[str]:
    if not _ZONES:
        _ZONES.update(available_timezones())
    return _ZONES


def validate_time_zone(value: str) -> None:
    if not is_time_zone(value):
        raise ValidationError(
            _("Fuseau horaire inconnu : %(name)s (exemples : Africa/Douala, Europe/Paris, UTC).") % {"name": value},
            code="unknown_time_zone",
        )


def reader_time_zone(user) -> ZoneInfo:
    """The time zone of the reader's country, else the installation's."""
    name = COUNTRY_TIME_ZONES.get(getattr(user, "country", "") or "", settings.TIME_ZONE)
    return ZoneInfo(name)


def in_reader_time_zone(view):
    """Render a view with dates and times in the reader's time zone."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with timezone.override(reader_time_zone(request.user)):
            return view(request, *args, **kwargs)

    return wrapper
