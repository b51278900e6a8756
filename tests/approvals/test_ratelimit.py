"""Rate limits count exactly over their whole window: "5 emergency
requests per hour" holds for the hour, not for the five minutes a cache
timeout allowed; then a new window opens. The clock is moved with
time-machine (inside the window, and past it)."""

import uuid
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from approvals import ratelimit
from approvals.models import RateCounter
from casework.models import Case

pytestmark = pytest.mark.django_db


def test_a_window_counts_for_its_whole_length_then_starts_again():
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for expected in range(1, 6):
            assert ratelimit.hit("intake", "192.0.2.7", window_seconds=3600) == expected
        assert ratelimit.too_many("intake", "192.0.2.7", limit=5)
        # inside the window: past the old 300 s cache timeout, and near its end
        for minutes in (6, 30, 59):
            clock.move_to(start + timedelta(minutes=minutes))
            assert ratelimit.count("intake", "192.0.2.7") == 5, minutes
            assert ratelimit.too_many("intake", "192.0.2.7", limit=5), minutes
        # a hit inside the window does not extend it
        assert ratelimit.hit("intake", "192.0.2.7", window_seconds=3600) == 6
        # past its end: forgotten, and the next hit opens a new window of one
        clock.move_to(start + timedelta(minutes=60, seconds=1))
        assert ratelimit.count("intake", "192.0.2.7") == 0
        assert not ratelimit.too_many("intake", "192.0.2.7", limit=5)
        assert ratelimit.hit("intake", "192.0.2.7", window_seconds=3600) == 1
        clock.move_to(start + timedelta(minutes=119))
        assert ratelimit.count("intake", "192.0.2.7") == 1
    # another address, another scope: their own counters; no address stored
    assert ratelimit.count("intake", "192.0.2.8") == 0
    assert not RateCounter.objects.filter(key__contains="192.0.2").exists()


def test_old_windows_are_purged():
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        ratelimit.hit("verify", "a", window_seconds=600)
        clock.move_to(start + timedelta(days=2))
        ratelimit.hit("verify", "b", window_seconds=600)
        assert ratelimit.purge_expired() == 1
        assert RateCounter.objects.count() == 1


def _apply(client):
    return client.post(
        "/urgence/demande/",
        {
            "legal_name": "Personne test", "code_name": "Héron", "country": "CG", "gender": "female",
            "age_band": "26_35", "profile": "journalist", "urgency": "standard", "support_types": ["legal"],
            "requested_amount": "1000", "currency": "XAF", "channel": "mobile_money", "phone": "+242 06 000 00 00",
            "whereabouts": "Brazzaville", "threat_narrative": "Menaces.", "idempotency_key": str(uuid.uuid4()),
        },
    )


def test_five_emergency_requests_an_hour_from_one_address(client, settings):
    settings.RELAIS_INTAKE_MAX_PER_HOUR = 5
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(5):
            assert _apply(client).status_code == 200
        assert _apply(client).status_code == 429
        # ten minutes later (twice the old cache timeout), still refused
        clock.move_to(start + timedelta(minutes=10))
        assert _apply(client).status_code == 429
        clock.move_to(start + timedelta(minutes=59, seconds=59))
        assert _apply(client).status_code == 429
        assert Case.objects.count() == 5
        # once the hour is over, accepted again
        clock.move_to(start + timedelta(hours=1, seconds=1))
        assert _apply(client).status_code == 200
        assert Case.objects.count() == 6


def test_status_link_guessing_stays_refused_for_the_whole_window(client, settings):
    settings.RELAIS_STATUS_LINK_MAX_FAILURES = 3
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for attempt in range(3):
            assert client.get(f"/suivi/ADH-2026-0001/wrong-{attempt}/").status_code == 404
        assert client.get("/suivi/ADH-2026-0001/wrong-x/").status_code == 429
        clock.move_to(start + timedelta(minutes=14))
        assert client.get("/suivi/ADH-2026-0001/wrong-y/").status_code == 429
        clock.move_to(start + timedelta(minutes=15, seconds=1))
        assert client.get("/suivi/ADH-2026-0001/wrong-z/").status_code == 404
