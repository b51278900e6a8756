"""Reads for accounts: sign-in lock state and second-factor devices."""

import math

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User
from .roles import Role


def sign_in_is_locked(*, request, username: str) -> bool:
    return AxesProxyHandler.is_locked(request, {settings.AXES_USERNAME_FORM_FIELD: username})


def sign_in_lock_minutes(*, request, username: str | None) -> int:
    """Minutes left before a locked account may try again (at least 1)."""
    cool_off = get_cool_off(request)
    last_failure = (
        AccessAttempt.objects.filter(username=username)
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
        if username
        else None
    )
    remaining = cool_off if last_failure is None else last_failure + cool_off - timezone.now()
    return max(1, math.ceil(remaining.total_seconds() / 60))


def user_has_totp(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def demo_people_rows() -> list[dict]:
    """The demo people for the "act as" page: name, roles, the committees
    and organisations they sit on (two queries besides the people)."""
    from .demo import demo_people

    people = demo_people()
    ids = [user.pk for user in people]
    users = {
        user.pk: user
        for user in User.objects.filter(pk__in=ids).prefetch_related("groups", "committees", "organisations")
    } if ids else {}
    rows = []
    for user in people:
        full = users.get(user.pk, user)
        places = [committee.name for committee in full.committees.all()]
        places += [organisation.acronym or organisation.name for organisation in full.organisations.all()]
        codes = {group.name for group in full.groups.all()}
        roles = [Role(code).label for code in Role.values if code in codes]
        rows.append({"user": full, "roles": roles, "places": places})
    return rows
