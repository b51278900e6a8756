"""Demo accounts: everyone who acts in the demo can sign in, with known credentials.

Used by `manage.py load_demo` (never in production). Passwords and
authenticator secrets are derived from SECRET_KEY, so they are the same on
every run of the same installation and nothing else needs to be stored.

DEMO_PEOPLE holds every member of the committees (COPIL, emergency
committee), of the working groups and the partner organisations' focal
points; the apps' demo modules seat them (approvals.demo) and may turn
other fictional people into demo logins with `enable_login(user)` (members'
applicants). Other apps find the demo people with `demo_user(role)` (the
first of that role) or `demo_users(role)`.

The demo is "on" when settings.RELAIS_DEMO is set (bin/demo sets it) and
never when RELAIS_ENV=production (`demo_enabled()`; the deploy check
accounts.E002 refuses the combination): then pages show a banner and
/compte/demo/ lets a visitor act as any demo person.
"""

import hashlib
import hmac
from dataclasses import asdict, dataclass
from typing import TextIO

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth import password_validation
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import Http404
from django_otp import login as otp_login
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
    # Acronym of the member organisation a focal point acts for (members' demo directory).
    organisation: str = ""

    @property
    def email(self) -> str:
        return f"{self.local_part}@{DEMO_DOMAIN}"


# The first person of each role is the one `demo_user(role)` returns.
DEMO_PEOPLE = [
    DemoPerson(Role.COPIL_MEMBER, "copil.membre", "Awa Mbarga", "CM"),
    DemoPerson(Role.COPIL_CHAIR, "copil.presidence", "Jeanne Ngo Bassa", "CM"),
    DemoPerson(Role.MEMBERSHIP_GROUP, "groupe.adhesion", "Paul Nzé Obame", "GA"),
    DemoPerson(Role.FUNDRAISING_GROUP, "groupe.financement", "Fatimé Abakar", "TD"),
    DemoPerson(Role.EMERGENCY_MEMBER, "urgence.membre", "Didier Yakité", "CF"),
    DemoPerson(Role.EMERGENCY_CHAIR, "urgence.presidence", "Marie-Claire Kimbembe", "CG"),
    DemoPerson(Role.CASE_OFFICER, "charge.dossiers", "Patrick Mukendi", "CD"),
    DemoPerson(Role.COUNTRY_FOCAL_POINT, "point-focal.pays", "Esperanza Nsue Mba", "GQ"),
    DemoPerson(Role.MEMBER_FOCAL_POINT, "point-focal.membre", "Aline Tchoumba", "CM", organisation="CJDH"),
    DemoPerson(Role.APPLICANT, "demandeur", "Samuel Obiang", "GA"),
    DemoPerson(Role.AUDITOR, "auditeur", "Helen Carter", "CM", language="en"),
    DemoPerson(Role.ADMINISTRATOR, "secretariat", "Rose Ekambi", "CM"),
    # The rest of the COPIL (seven seats with the two above; quorum 4).
    DemoPerson(Role.COPIL_MEMBER, "copil.ndong", "Honorine Ndong", "GA"),
    DemoPerson(Role.COPIL_MEMBER, "copil.mukendi", "Espérance Mukendi", "CD"),
    DemoPerson(Role.COPIL_MEMBER, "copil.mahamat", "Abakar Mahamat", "TD"),
    DemoPerson(Role.COPIL_MEMBER, "copil.yakite", "Prisca Yakité", "CF"),
    DemoPerson(Role.COPIL_MEMBER, "copil.nkounkou", "Céleste Nkounkou", "CG"),
    # The rest of the emergency committee and of the working groups.
    DemoPerson(Role.EMERGENCY_MEMBER, "urgence.nze", "Léonie Nzé", "GA"),
    DemoPerson(Role.MEMBERSHIP_GROUP, "groupe.adhesion.2", "Brice Moukagni", "CG"),
    DemoPerson(Role.FUNDRAISING_GROUP, "groupe.financement.2", "Clarisse Dongmo", "CM"),
    # Focal points of the partner organisations of the demo's joint proposals.
    DemoPerson(Role.MEMBER_FOCAL_POINT, "point-focal.atnvl", "Mahamat Saleh", "TD", organisation="ATNVL"),
    DemoPerson(Role.MEMBER_FOCAL_POINT, "point-focal.ligec", "Nadège Mba", "GA", organisation="LIGEC"),
    DemoPerson(Role.MEMBER_FOCAL_POINT, "point-focal.mjr", "Thierry Ngaïkoumon", "CF", organisation="MJR"),
    DemoPerson(Role.MEMBER_FOCAL_POINT, "point-focal.jrct", "Achta Djibrine", "TD", organisation="JRCT"),
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
    """The first demo person holding this role (after load_demo)."""
    person = next(person for person in DEMO_PEOPLE if person.role == role)
    return User.objects.get(email=person.email)


def demo_users(role: str) -> list[User]:
    """Every demo person of DEMO_PEOPLE holding this role, in list order."""
    emails = [person.email for person in DEMO_PEOPLE if person.role == role]
    users = {user.email: user for user in User.objects.filter(email__in=emails)}
    return [users[email] for email in emails if email in users]


def enable_login(user: User) -> User:
    """Give a demo person (roles already set) the demo password and, where
    their role needs one, the demo authenticator. Safe to call again."""
    password = demo_password(user.email)
    password_validation.validate_password(password, user)
    user.is_demo = True
    user.is_active = True
    if not user.check_password(password):
        user.set_password(password)
    user.save()
    if user.needs_second_factor:
        TOTPDevice.objects.filter(user=user).exclude(name=TOTP_DEVICE_NAME).delete()
        TOTPDevice.objects.update_or_create(
            user=user, name=TOTP_DEVICE_NAME, defaults={"key": demo_totp_key(user.email), "confirmed": True}
        )
    return user


@transaction.atomic
def load_users(stdout: TextIO | None = None) -> list[User]:
    """Create or refresh the demo people; safe to run again."""
    groups = {group.name: group for group in Group.objects.filter(name__in=Role.values)}
    users = []
    created_count = 0
    for person in DEMO_PEOPLE:
        user, created = User.objects.get_or_create(email=person.email)
        created_count += created
        user.full_name = person.full_name
        user.country = person.country
        user.preferred_language = person.language
        user.is_staff = person.role == Role.ADMINISTRATOR
        user.save()
        user.groups.set([groups[person.role]])
        users.append(enable_login(user))
    if stdout is not None:
        stdout.write(f"  {len(users)} personnes, dont {created_count} nouvelle(s)\n")
    return users


def _role_rank(user: User) -> tuple:
    codes = user.role_codes
    rank = next((index for index, code in enumerate(Role.values) if code in codes), len(Role.values))
    return rank, user.full_name, user.email


def demo_people() -> list[User]:
    """Every demo person who can sign in, by role then name."""
    users = User.objects.filter(is_demo=True, is_active=True).prefetch_related("groups")
    return sorted(users, key=_role_rank)


def role_code(user: User) -> str:
    return next((code for code in Role.values if code in user.role_codes), "")


def credentials() -> list[DemoCredentials]:
    """What a visitor types to sign in as each demo person."""
    devices = {
        device.user_id: device
        for device in TOTPDevice.objects.filter(user__is_demo=True, name=TOTP_DEVICE_NAME, confirmed=True)
    }
    found = []
    for user in demo_people():
        device = devices.get(user.pk)
        found.append(
            DemoCredentials(
                role=role_code(user),
                email=user.email,
                password=demo_password(user.email),
                totp_secret=totp_secret_base32(device).replace(" ", "") if device and user.needs_second_factor else "",
                full_name=user.full_name,
                language=user.preferred_language,
            )
        )
    return found


def demo_enabled() -> bool:
    """The demo's banner and "act as" page: on with RELAIS_DEMO, never in production."""
    return bool(getattr(settings, "RELAIS_DEMO", False)) and not settings.PRODUCTION


def demo_act_as(request, *, user_id: int) -> User:
    """Sign the visitor in as a demo person, their second factor given for
    them. Only in the demo, only demo people; anything else is a 404."""
    if not demo_enabled():
        raise Http404
    user = User.objects.filter(pk=user_id, is_demo=True, is_active=True).first()
    if user is None:
        raise Http404
    auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if user.needs_second_factor:
        device = TOTPDevice.objects.filter(user=user, name=TOTP_DEVICE_NAME, confirmed=True).first()
        if device is None:
            raise Http404
        otp_login(request, device)
    return user
