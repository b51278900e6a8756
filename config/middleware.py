"""Response headers Django's SecurityMiddleware does not set."""

from django.conf import settings


class SecurityHeadersMiddleware:
    """Permissions-Policy (no camera, microphone, location, payment… for any
    page) and Cross-Origin-Resource-Policy (our responses are for our own
    pages only), on every response. Cross-Origin-Opener-Policy comes from
    SECURE_CROSS_ORIGIN_OPENER_POLICY, the Content-Security-Policy from
    django-csp."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = getattr(settings, "RELAIS_PERMISSIONS_POLICY", "")
        self.resource_policy = getattr(settings, "RELAIS_CROSS_ORIGIN_RESOURCE_POLICY", "same-origin")

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if self.resource_policy:
            response.headers.setdefault("Cross-Origin-Resource-Policy", self.resource_policy)
        return response
