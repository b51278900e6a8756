"""Issue, recognise and revoke personal API tokens.

A token reads `rls_<prefix>_<secret>`: the prefix finds the row, the secret
is compared with its hash (HMAC-SHA256 under SECRET_KEY) in constant time.
The secret is shown once, when the token is created, and never stored.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals.refusals import Refused

from .models import ApiToken

PREFIX_BYTES = 6
SECRET_BYTES = 24
MAX_ACTIVE = 10
LAST_USE_PRECISION = timedelta(minutes=1)


def _hash(secret: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"api-token:{secret}".encode(), hashlib.sha256).hexdigest()


def may_manage_tokens(user) -> bool:
    """Signed in, and the second factor verified in this session."""
    return bool(user.is_authenticated and user.is_active and getattr(user, "is_verified", lambda: False)())


@transaction.atomic
def token_create(*, user, name: str, scope: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it and the text to show once."""
    if not may_manage_tokens(user):
        raise Refused(_("Confirmez d'abord votre second facteur pour créer un jeton."), status=403)
    name = (name or "").strip()
    if not name:
        raise Refused(_("Donnez un nom au jeton (par exemple l'outil qui l'utilisera)."), status=400)
    if scope not in ApiToken.Scope.values:
        raise Refused(_("Portée inconnue."), status=400)
    # one at a time per person, so that the count below holds
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE:
        raise Refused(_("Vous avez déjà %(max)d jetons actifs : révoquez-en un d'abord.") % {"max": MAX_ACTIVE}, status=409)
    prefix = secrets.token_hex(PREFIX_BYTES)
    secret = secrets.token_urlsafe(SECRET_BYTES)
    token = ApiToken.objects.create(user=user, name=name[:80], scope=scope, prefix=prefix, secret_hash=_hash(secret))
    return token, f"rls_{prefix}_{secret}"


@transaction.atomic
def token_revoke(*, user, token_id: int) -> ApiToken:
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user=user).first()
    if token is None:
        raise Refused(_("Ce jeton n'existe pas."), status=404)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_recognise(text: str) -> ApiToken | None:
    """The active token this text is, or None. Records its last use (to the
    minute, so that a busy token does not write on every request)."""
    parts = (text or "").split("_", 2)
    if len(parts) != 3 or parts[0] != "rls" or len(parts[1]) != PREFIX_BYTES * 2:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1], revoked_at__isnull=True).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(parts[2])):
        return None
    if not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def tokens_of(user):
    return ApiToken.objects.filter(user=user)
