"""Fixed-window counters for rate limits and throttles, in the cache.

The cache is the database (settings.CACHES): every server process counts
together, and counting goes on when Redis is down. Who is counted (an
address, a user id) is hashed with the secret key before it becomes a key,
so the cache table holds no address.

    if ratelimit.too_many("verify", client_ip(request), limit=20):
        ...429...
    ratelimit.hit("verify", client_ip(request), window_seconds=600)
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache


def _key(scope: str, who) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{scope}:{who or '-'}".encode(), hashlib.sha256).hexdigest()
    return f"relais:rl:{scope}:{digest[:32]}"


def count(scope: str, who) -> int:
    return cache.get(_key(scope, who)) or 0


def too_many(scope: str, who, *, limit: int) -> bool:
    return count(scope, who) >= limit


def hit(scope: str, who, *, window_seconds: int) -> int:
    """Count one more in the current window (which starts at the first hit)."""
    key = _key(scope, who)
    if cache.add(key, 1, timeout=window_seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        return 1


def parse_rate(value, default: str) -> tuple[int, int]:
    """"20/600" -> (20, 600): at most 20 in 600 seconds."""
    limit, _sep, window = str(value or default).partition("/")
    return int(limit), int(window or default.partition("/")[2])
