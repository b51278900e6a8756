"""Which database the suite really runs on: under bin/test, PostgreSQL."""

import os
from urllib.parse import urlsplit

import pytest
from django.db import connection

VENDOR_BY_SCHEME = {
    "postgres": "postgresql",
    "postgresql": "postgresql",
    "pgsql": "postgresql",
    "sqlite": "sqlite",
}


@pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="DATABASE_URL not set: embedded SQLite")
def test_database_vendor_follows_database_url(db):
    scheme = urlsplit(os.environ["DATABASE_URL"]).scheme.split("+")[0]
    assert connection.vendor == VENDOR_BY_SCHEME.get(scheme, scheme)


@pytest.mark.skipif(not os.environ.get("RELAIS_TEST_REDIS_PORT"), reason="only under bin/test")
def test_bin_test_runs_on_postgresql(db):
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database(), current_setting('server_version_num')::int")
        name, version = cursor.fetchone()
    assert name.startswith("test_")
    assert version >= 150000
