"""Which field of the directory each level of reader sees.

Each field has a visibility: public (anyone, signed in or not), members
(people of the network) or committee (COPIL, the membership working group,
the secretariat). The reader's level (`members.permissions.directory_level`)
decides the page, the search and the export alike. An installation may change a field's visibility with
settings.RELAIS_DIRECTORY_VISIBILITY = {"phone": "members", ...}.
"""

from enum import IntEnum

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext_lazy as _


class Level(IntEnum):
    PUBLIC = 0
    MEMBERS = 1
    COMMITTEE = 2

    @property
    def label(self):
        return {
            Level.PUBLIC: _("public"),
            Level.MEMBERS: _("membres du réseau"),
            Level.COMMITTEE: _("COPIL et groupe Adhésion"),
        }[self]


PUBLIC, MEMBERS, COMMITTEE = Level.PUBLIC, Level.MEMBERS, Level.COMMITTEE

# In the order they are shown and exported.
FIELD_VISIBILITY = {
    "name": PUBLIC,
    "acronym": PUBLIC,
    "country": PUBLIC,
    "domains": PUBLIC,
    "target_groups": PUBLIC,
    "description": PUBLIC,
    "website": PUBLIC,
    "year_founded": PUBLIC,
    "province": MEMBERS,
    "city": MEMBERS,
    "areas_of_intervention": MEMBERS,
    "status": MEMBERS,
    "joined_on": MEMBERS,
    "contact_person": MEMBERS,
    "email": MEMBERS,
    "messaging": MEMBERS,
    "legal_representative": COMMITTEE,
    "phone": COMMITTEE,
    "address": COMMITTEE,
    "registration_number": COMMITTEE,
    "registration_date": COMMITTEE,
    "registration_authority": COMMITTEE,
    "no_registration_reason": COMMITTEE,
    "focal_points": COMMITTEE,
    "reference": COMMITTEE,
}

# Free-text search looks only in the text fields the reader may see.
SEARCHABLE_FIELDS = (
    "name", "acronym", "description", "province", "city", "areas_of_intervention",
    "contact_person", "email", "legal_representative", "phone", "registration_number",
)


def field_visibility() -> dict[str, Level]:
    overrides = getattr(settings, "RELAIS_DIRECTORY_VISIBILITY", None) or {}
    names = {"public": PUBLIC, "members": MEMBERS, "committee": COMMITTEE}
    merged = dict(FIELD_VISIBILITY)
    for field, level in overrides.items():
        if field in merged and str(level).lower() in names:
            merged[field] = names[str(level).lower()]
    return merged


def visible_fields(level: Level) -> list[str]:
    return [name for name, needed in field_visibility().items() if needed <= level]


def visible_states(level: Level) -> list[str]:
    """Which directory entries a reader sees at all: the public sees active
    members; the network also sees suspended ones; the committee, every entry."""
    from .models import Organisation

    states = Organisation.State
    if level >= COMMITTEE:
        return list(states.values)
    if level >= MEMBERS:
        return [states.ACTIVE, states.SUSPENDED]
    return [states.ACTIVE]


def field_label(name: str) -> str:
    from .models import Organisation

    if name == "status":
        return str(_("statut"))
    if name == "reference":
        return str(_("référence"))
    return str(Organisation._meta.get_field(name).verbose_name)


def field_value(organisation, name: str) -> str:
    """A field as plain text (page, CSV, XLSX). M2M relations must be prefetched."""
    if name == "country":
        return organisation.country_name
    if name == "status":
        return organisation.get_state_display()
    if name in ("domains", "target_groups"):
        return ", ".join(item.label for item in getattr(organisation, name).all())
    if name == "focal_points":
        return ", ".join(str(user) for user in organisation.focal_points.all())
    value = getattr(organisation, name)
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def rows(organisations, fields: list[str]) -> list[list[str]]:
    return [[field_value(organisation, name) for name in fields] for organisation in organisations]
