"""Fixed-window counters for rate limits and throttles, in the database.

Every server process counts together, and counting goes on when Redis is
down. Who is counted (an address, a user id) is hashed with the secret key
before it becomes a key, so the table holds no address.

A window opens at the first hit and ends exactly `window_seconds` later
(`RateCounter.window_end`, written once when the window opens); each hit is
one atomic UPDATE with F() and CASE: it adds one inside the window, or opens
a new window of one once the old has ended. (The database cache used before
re-saved a key with its default 300 s timeout on every `incr`, so "5 an
hour" held for five minutes.)

    if ratelimit.too_many("verify", client_ip(request), limit=20):
        ...429...
    ratelimit.hit("verify", client_ip(request), window_seconds=600)
"""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone

from .models import RateCounter


def _key(scope: str, who) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{scope}:{who or '-'}".encode(), hashlib.sha256).hexdigest()
    return f"relais:rl:{scope}:{digest[:32]}"


def count(scope: str, who) -> int:
    """Hits in the current window (0 when none is open)."""
    found = RateCounter.objects.filter(key=_key(scope, who), window_end__gt=timezone.now()).values_list("count", flat=True)
    return next(iter(found), 0)


def too_many(scope: str, who, *, limit: int) -> bool:
    return count(scope, who) >= limit


def hit(scope: str, who, *, window_seconds: int) -> int:
    """Count one more in the current window (which starts at the first hit
    and lasts `window_seconds`); returns the count including this hit."""
    key = _key(scope, who)
    now = timezone.now()
    new_end = now + timedelta(seconds=window_seconds)
    with transaction.atomic():
        RateCounter.objects.bulk_create([RateCounter(key=key, count=0, window_end=new_end)], ignore_conflicts=True)
        ended = When(window_end__lte=now, then=Value(1))
        RateCounter.objects.filter(key=key).update(
            # both right-hand sides read the row as it was before this UPDATE
            count=Case(ended, default=F("count") + 1),
            window_end=Case(When(window_end__lte=now, then=Value(new_end)), default=F("window_end")),
        )
        return RateCounter.objects.values_list("count", flat=True).get(key=key)


def seconds_left(scope: str, who) -> float | None:
    """Seconds until the current window ends (for a Retry-After), or None."""
    ends = RateCounter.objects.filter(key=_key(scope, who)).values_list("window_end", flat=True).first()
    if ends is None:
        return None
    return max(0.0, (ends - timezone.now()).total_seconds())


def purge_expired(*, older_than: timedelta = timedelta(days=1)) -> int:
    """Forget windows that ended long ago (run by the timers)."""
    deleted, _rows = RateCounter.objects.filter(window_end__lt=timezone.now() - older_than).delete()
    return deleted


def parse_rate(value, default: str) -> tuple[int, int]:
    """"20/600" -> (20, 600): at most 20 in 600 seconds."""
    limit, _sep, window = str(value or default).partition("/")
    return int(limit), int(window or default.partition("/")[2])
