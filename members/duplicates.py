"""Likely duplicates of an application, each with why it looks the same.

The same organisation must not join twice. Names are compared once
normalised (lower case, no accents, no punctuation, no legal-form or filler
words) with a similarity ratio; acronyms must be equal; both only within the
same country. Registration numbers, emails and phone numbers are compared
everywhere, normalised.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.translation import gettext as _

NAME_SIMILARITY = 0.85

# Legal forms and filler words that say nothing about which organisation it is.
IGNORED_WORDS = frozenset(
    """
    association associations asbl ong ngo onlus aisbl organisation organization
    de la le les des du d l et pour a au aux en sur par the of and for in
    """.split()
)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def normalise_name(name: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", _plain(name)).split()
    return " ".join(word for word in words if word not in IGNORED_WORDS)


def normalise_code(value: str) -> str:
    """Acronyms and registration numbers: letters and digits only, upper case."""
    return re.sub(r"[^A-Z0-9]", "", _plain(value).upper())


def phone_digits(phone: str) -> str:
    return re.sub(r"\D", "", phone or "")


def same_phone(a: str, b: str) -> bool:
    """Equal once the international prefix is set aside: the national numbers
    of the region have 7 to 9 digits, so compare the shorter one's last digits."""
    a, b = phone_digits(a), phone_digits(b)
    length = min(len(a), len(b), 9)
    return length >= 7 and a[-length:] == b[-length:]


def name_similarity(a: str, b: str) -> float:
    a, b = normalise_name(a), normalise_name(b)
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b).ratio()


@dataclass
class Candidate:
    kind: str  # "organisation" or "application"
    obj: object
    reasons: list[str] = field(default_factory=list)

    @property
    def is_organisation(self) -> bool:
        return self.kind == "organisation"


def reasons_between(subject, other) -> list[str]:
    """Why `other` (an organisation or application) may be the same as `subject`."""
    reasons = []
    same_country = subject.country == other.country
    if same_country:
        ratio = name_similarity(subject.name, other.name)
        if ratio >= NAME_SIMILARITY:
            reasons.append(_("Nom semblable (%(percent)s %% de ressemblance, même pays)") % {"percent": round(ratio * 100)})
        acronym = normalise_code(subject.acronym)
        if acronym and acronym == normalise_code(other.acronym):
            reasons.append(_("Même sigle « %(acronym)s » dans le même pays") % {"acronym": other.acronym})
    registration = normalise_code(subject.registration_number)
    if registration and registration == normalise_code(other.registration_number):
        reasons.append(_("Même numéro de récépissé (%(number)s)") % {"number": other.registration_number})
    if subject.email and other.email and subject.email.strip().lower() == other.email.strip().lower():
        reasons.append(_("Même adresse e-mail (%(email)s)") % {"email": other.email})
    if same_phone(subject.phone, other.phone):
        reasons.append(_("Même numéro de téléphone (%(phone)s)") % {"phone": other.phone})
    return reasons


def likely_duplicates(application) -> list[Candidate]:
    """Directory entries and other live applications that may be the same
    organisation as `application`, most reasons first."""
    from .models import MembershipApplication, Organisation

    candidates = []
    # The directory is at most a few hundred rows; two queries whatever its size.
    organisations = Organisation.objects.only(
        "pk", "reference", "name", "acronym", "country", "registration_number", "email", "phone", "state"
    )
    for organisation in organisations:
        reasons = reasons_between(application, organisation)
        if reasons:
            candidates.append(Candidate("organisation", organisation, reasons))
    others = (
        MembershipApplication.objects.exclude(pk=application.pk)
        .exclude(state__in=[MembershipApplication.State.DRAFT, MembershipApplication.State.WITHDRAWN])
        .only("pk", "reference", "name", "acronym", "country", "registration_number", "email", "phone", "state")
    )
    for other in others:
        reasons = reasons_between(application, other)
        if reasons:
            candidates.append(Candidate("application", other, reasons))
    candidates.sort(key=lambda c: (-len(c.reasons), c.kind != "organisation", c.obj.name))
    return candidates
