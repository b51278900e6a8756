"""A small counter per address in the cache, for the public pages.

The address is hashed before it is used as a key. The cache is the
database (settings.CACHES), so every server process counts together.
"""

from django.core.cache import cache

from .crypto import keyed_hash


def _key(scope: str, ip: str) -> str:
    return f"casework:rl:{scope}:{keyed_hash(ip or '-', purpose='rate-limit')}"


def too_many(scope: str, ip: str, *, limit: int) -> bool:
    return (cache.get(_key(scope, ip)) or 0) >= limit


def hit(scope: str, ip: str, *, window_seconds: int) -> int:
    key = _key(scope, ip)
    if cache.add(key, 1, timeout=window_seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        return 1
