"""Who may call what: a read token reads; writing takes a read-and-write
token (or the signed-in person's own session). What a person may see or do
on a dossier is decided by the same accessors and services as the web."""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from .models import ApiToken


class ScopedToken(permissions.BasePermission):
    message = _("Ce jeton ne permet que la lecture.")

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        token = request.auth
        if isinstance(token, ApiToken):
            return token.writes
        return request.user.is_authenticated


class SignedIn(permissions.IsAuthenticated):
    pass
