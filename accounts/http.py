"""The client's address, for rate limits and access logs.

Behind a reverse proxy every request comes from the proxy's address; the
real one is in X-Forwarded-For, which a client can also forge. So the
header is read only when settings.RELAIS_TRUSTED_PROXY_COUNT says how many
proxies of ours stand in front (the README's nginx set-up: 1), and then only
the entry our nearest proxy wrote, never one the client supplied.
"""

from django.conf import settings


def client_ip(request) -> str:
    if request is None:
        return ""
    proxies = getattr(settings, "RELAIS_TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or ""
