"""Helpers for tests that send many requests at once (PostgreSQL only)."""

import threading

import pytest
from django.db import connection

# Row locks are proven on PostgreSQL (bin/test); SQLite serialises writers.
on_postgresql = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row-lock concurrency is proven on PostgreSQL (bin/test)"),
]


def run_at_once(count, work):
    """Run work(i) in `count` threads released together; return each
    result or the exception it raised."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def target(i):
        from django.db import connections

        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as exc:  # collected, asserted by the test
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
