"""`Authorization: Bearer rls_…` for programs; the session for a signed-in
person reading the documentation in a browser (with its second factor, as
everywhere on the site)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .tokens import token_recognise


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        keyword, _space, text = header.partition(" ")
        if keyword != self.keyword:
            return None
        token = token_recognise(text.strip())
        if token is None:
            raise exceptions.AuthenticationFailed(_("Jeton inconnu, révoqué, ou mal copié."))
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class SessionAuthentication(authentication.SessionAuthentication):
    """The site's session, only once the second factor is verified where the
    person's role needs one (the middleware already sends them to it)."""

    def authenticate(self, request):
        found = super().authenticate(request)
        if found is None:
            return None
        user, _auth = found
        if user.needs_second_factor and not user.is_verified():
            return None
        return found


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "bearerFormat": "rls_<prefix>_<secret>"}


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.SessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
