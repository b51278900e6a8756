"""Writes for accounts: sign-in bookkeeping, second factor, language.

Failed sign-in steps (a wrong password, a wrong second-factor code) all count
towards the same django-axes lock on the account's email address; the count is
cleared only once a person is fully signed in (password, then second factor
where their role requires one).
"""

import math
import re
from base64 import b32encode

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

RECOVERY_CODE_COUNT = 10
# Device names are stored, not shown to the person; keep them stable.
TOTP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"


class SecondFactorRejected(Exception):
    """A second-factor code was refused; the message says what to do next.

    `throttled` is True when the code was not even checked (tried too soon
    after a wrong one): that does not count as another failed attempt.
    """

    def __init__(self, message: str, *, throttled: bool = False):
        super().__init__(message)
        self.message = message
        self.throttled = throttled


# --- Sign-in lock (django-axes) ---------------------------------------------------


def credentials_for(username: str) -> dict:
    return {settings.AXES_USERNAME_FORM_FIELD: username}


def sign_in_failure_record(*, request, username: str) -> bool:
    """Count one failed sign-in step for this account; True if it is now locked.

    A wrong password is counted by django-axes itself (through authenticate());
    this is for the steps after the password, such as a wrong second-factor code.
    """
    user_login_failed.send(sender=__name__, credentials=credentials_for(username), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def sign_in_attempts_reset(*, username: str) -> int:
    """Forget the failed attempts of an account (after a full sign-in or a password reset)."""
    return AxesProxyHandler.reset_attempts(username=username)


# --- Second factor -------------------------------------------------------------------


def normalise_code(code: str) -> str:
    return re.sub(r"[\s-]+", "", code or "").lower()


def totp_secret_base32(device: TOTPDevice) -> str:
    """The secret as people type it into an authenticator app, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_enrolment_start(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up; the same one across page loads,
    so a secret already scanned stays valid until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def _verify(device: Device, token: str) -> bool:
    allowed, details = device.verify_is_allowed()
    if not allowed:
        seconds = max(1, math.ceil((details["locked_until"] - timezone.now()).total_seconds()))
        raise SecondFactorRejected(
            ngettext(
                "Trop d'essais rapprochés : attendez %(seconds)s seconde avant de réessayer.",
                "Trop d'essais rapprochés : attendez %(seconds)s secondes avant de réessayer.",
                seconds,
            )
            % {"seconds": seconds},
            throttled=True,
        )
    return device.verify_token(token)


def totp_enrolment_confirm(*, user: User, code: str) -> TOTPDevice:
    """Confirm the authenticator being set up with a code it shows.

    Any older authenticator of the person is removed: one phone at a time.
    Raises SecondFactorRejected (after the transaction, so that the device's
    throttling of wrong codes is kept).
    """
    token = normalise_code(code)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            raise SecondFactorRejected(_("La configuration a expiré. Rechargez la page et recommencez."))
        verified = token.isdigit() and len(token) == device.digits and _verify(device, token)
        if verified:
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
    if not verified:
        raise SecondFactorRejected(
            _("Code incorrect. Saisissez les 6 chiffres affichés par l'application (vérifiez l'heure du téléphone).")
        )
    return device


@transaction.atomic
def recovery_codes_replace(*, user: User) -> list[str]:
    """Issue a fresh set of recovery codes; the previous ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def second_factor_verify(*, user: User, code: str) -> Device:
    """Check a code: six digits against the person's authenticator app,
    anything else against their recovery codes (each works once).

    Raises SecondFactorRejected when the code is wrong or tried too fast
    (after the transaction, so that the device's throttling is kept).
    """
    token = normalise_code(code)
    model = TOTPDevice if token.isdigit() and len(token) in (6, 8) else StaticDevice
    with transaction.atomic():
        for device in model.objects.select_for_update().filter(user=user, confirmed=True):
            if _verify(device, token):
                return device
    raise SecondFactorRejected(
        _("Code incorrect. Saisissez le code à 6 chiffres de l'application, ou un code de secours non utilisé.")
    )


# --- Preferences ---------------------------------------------------------------------------


def user_language_set(*, user: User, language: str) -> User:
    """Remember the language a person chose; it follows them on every device."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unknown language {language!r}")
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return user
