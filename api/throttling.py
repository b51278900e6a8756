"""Rate limits per token (per person for the session, per address for the
anonymous directory), counted in the database with approvals.ratelimit, so
every web process counts together and Redis being down changes nothing."""

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from approvals import ratelimit
from accounts.http import client_ip


class ApiRateThrottle(BaseThrottle):
    def _who(self, request):
        token = getattr(request, "auth", None)
        if token is not None and hasattr(token, "prefix"):
            return "token", token.pk, settings.RELAIS_API_TOKEN_RATE
        if request.user.is_authenticated:
            return "user", request.user.pk, settings.RELAIS_API_TOKEN_RATE
        return "anon", client_ip(request), settings.RELAIS_API_ANONYMOUS_RATE

    def allow_request(self, request, view):
        kind, who, rate = self._who(request)
        limit, window = ratelimit.parse_rate(rate, "600/600")
        self.window = window
        self.scope = f"api-{kind}"
        self.who = who
        return ratelimit.hit(self.scope, who, window_seconds=window) <= limit

    def wait(self):
        return ratelimit.seconds_left(self.scope, self.who)
