"""A quiet server log: a refused request is one line, never a traceback;
a favicon exists."""

import io
import logging

import pytest
from django.test import Client


@pytest.fixture
def root_output():
    """What the root console would print, through the project's own handler
    (its filters and format), for the duration of a test."""
    console = next(h for h in logging.getLogger().handlers if h.name == "console")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(console.formatter)
    for log_filter in console.filters:
        handler.addFilter(log_filter)
    logging.getLogger().addHandler(handler)
    yield stream
    logging.getLogger().removeHandler(handler)


def _request_records(caplog):
    return [r for r in caplog.records if r.name.startswith("django.request")]


def test_a_404_logs_one_line_without_traceback(client, db, caplog, root_output):
    caplog.set_level(logging.INFO)

    response = client.get("/nulle-part/")

    assert response.status_code == 404
    records = _request_records(caplog)
    assert len(records) == 1
    assert records[0].levelno == logging.WARNING and records[0].exc_info is None
    assert records[0].getMessage() == "Not Found: /nulle-part/"
    printed = root_output.getvalue()
    assert printed.count("\n") == 1 and "Traceback" not in printed and "Not Found: /nulle-part/" in printed


def test_a_403_logs_one_line_without_traceback(make_user, client_for, caplog, root_output):
    client = client_for(make_user("applicant"))
    caplog.set_level(logging.INFO)

    response = client.get("/registre/")

    assert response.status_code == 403
    records = _request_records(caplog)
    assert len(records) == 1
    assert records[0].exc_info is None and "Forbidden" in records[0].getMessage()
    printed = root_output.getvalue()
    assert printed.count("\n") == 1 and "Traceback" not in printed


def test_django_s_own_handlers_do_not_print_a_second_copy():
    # Django's default "console" (in DEBUG) and "mail_admins" handlers are
    # gone: django.* records reach the root console, once.
    assert logging.getLogger("django").handlers == []
    assert logging.getLogger("django.request").handlers == []


def test_a_wrong_status_link_does_not_log_its_secret(client, db, caplog, root_output):
    caplog.set_level(logging.INFO)

    response = client.get("/suivi/ADH-2026-0001/secret-token-value/")

    assert response.status_code == 404
    assert "secret-token-value" not in root_output.getvalue()
    assert "/suivi/ADH-2026-0001/" in root_output.getvalue()


def test_a_500_keeps_its_traceback():
    from config.logging import QuietRefusals

    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", ("/x/",), sys.exc_info())
    record.status_code = 500
    assert QuietRefusals().filter(record) and record.exc_info is not None


def test_a_favicon_exists(db):
    client = Client()
    page = client.get("/compte/connexion/").content.decode()
    assert '<link rel="icon" href="/static/favicon.ico"' in page

    response = client.get("/favicon.ico")

    assert response.status_code == 302 and response["Location"].endswith("favicon.ico")
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content if icon.streaming else [icon.content])[:4] == b"\x00\x00\x01\x00"
