"""Demo accounts: one person per role, with known credentials.

Used by `manage.py load_demo` (never in production). Passwords and
authenticator secrets are derived from SECRET_KEY, so they are the same on
every run of the same installation and nothing else needs to be stored.

Other apps find the demo people with `demo_user(Role.CASE_OFFICER)`.
"""

import hashlib
import hmac
from dataclasses import asdict, dataclass
from typing import TextIO

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.models import Group
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User
from .roles import Role
from .services import TOTP_DEVICE_NAME, totp_secret_base32

DEMO_DOMAIN = "demo.relais.example"


@dataclass(frozen=True)
class DemoPerson:
    role: Role
    local_part: str
    full_name: str
    country: str
    language: str = "fr"

    @property
    def email(self) -> str:
        return f"{self.local_part}@{DEMO_DOMAIN}"


DEMO_PEOPLE = [
    DemoPerson(Role.COPIL_MEMBER, "copil.membre", "Awa Mbarga", "CM"),
    DemoPerson(Role.COPIL_CHAIR, "copil.presidence", "Jeanne Ngo Bassa", "CM"),
    DemoPerson(Role.MEMBERSHIP_GROUP, "groupe.adhesion", "Paul Nzé Obame", "GA"),
    DemoPerson(Role.FUNDRAISING_GROUP, "groupe.financement", "Fatimé Abakar", "TD"),
    DemoPerson(Role.EMERGENCY_MEMBER, "urgence.membre", "Didier Yakité", "CF"),
    DemoPerson(Role.EMERGENCY_CHAIR, "urgence.presidence", "Marie-Claire Kimbembe", "CG"),
    DemoPerson(Role.CASE_OFFICER, "charge.dossiers", "Patrick Mukendi", "CD"),
    DemoPerson(Role.COUNTRY_FOCAL_POINT, "point-focal.pays", "Esperanza Nsue Mba", "GQ"),
    DemoPerson(Role.MEMBER_FOCAL_POINT, "point-focal.membre", "Aline Tchoumba", "CM"),
    DemoPerson(Role.APPLICANT, "demandeur", "Samuel Obiang", "GA"),
    DemoPerson(Role.AUDITOR, "auditeur", "Helen Carter", "CM", language="en"),
    DemoPerson(Role.ADMINISTRATOR, "secretariat", "Rose Ekambi", "CM"),
]


@dataclass(frozen=True)
class DemoCredentials:
    role: str
    email: str
    password: str
    totp_secret: str
    full_name: str
    language: str

    def as_dict(self) -> dict:
        return asdict(self)


def _derive(purpose: str, email: str) -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), f"relais-demo:{purpose}:{email}".encode(), hashlib.sha256).digest()


def demo_password(email: str) -> str:
    """Easy to type on a phone, e.g. "demo-bakime-4821"."""
    digest = _derive("password", email)
    consonants, vowels = "bdfgkmnprstvz", "aeiou"
    word = "".join(consonants[digest[i] % len(consonants)] + vowels[digest[i + 1] % len(vowels)] for i in (0, 2, 4))
    number = int.from_bytes(digest[6:8], "big") % 9000 + 1000
    return f"{settings.RELAIS_DEMO_PASSWORD_PREFIX}{word}-{number}"


def demo_totp_key(email: str) -> str:
    """A TOTPDevice key (hex, 20 bytes)."""
    return _derive("totp", email)[:20].hex()


def demo_user(role: str) -> User:
    """The demo person holding this role (after load_demo)."""
    person = next(person for person in DEMO_PEOPLE if person.role == role)
    return User.objects.get(email=person.email)


@transaction.atomic
def load_users(stdout: TextIO | None = None) -> list[DemoCredentials]:
    """Create or refresh the demo people; safe to run again."""
    groups = {group.name: group for group in Group.objects.filter(name__in=Role.values)}
    credentials = []
    for person in DEMO_PEOPLE:
        user, created = User.objects.get_or_create(email=person.email)
        user.full_name = person.full_name
        user.country = person.country
        user.preferred_language = person.language
        user.is_demo = True
        user.is_active = True
        user.is_staff = person.role == Role.ADMINISTRATOR
        password = demo_password(person.email)
        password_validation.validate_password(password, user)
        if created or not user.check_password(password):
            user.set_password(password)
        user.save()
        user.groups.set([groups[person.role]])

        secret = ""
        if user.needs_second_factor:
            TOTPDevice.objects.filter(user=user).exclude(name=TOTP_DEVICE_NAME).delete()
            device, _ = TOTPDevice.objects.update_or_create(
                user=user,
                name=TOTP_DEVICE_NAME,
                defaults={"key": demo_totp_key(person.email), "confirmed": True},
            )
            secret = totp_secret_base32(device).replace(" ", "")
        if stdout is not None and created:
            stdout.write(f"  + {person.email}\n")
        credentials.append(
            DemoCredentials(
                role=person.role.value,
                email=person.email,
                password=password,
                totp_secret=secret,
                full_name=person.full_name,
                language=person.language,
            )
        )
    return credentials
