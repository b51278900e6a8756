"""Shared by the security tests: the demo's files in a temporary folder, and
a quiet request log (thousands of expected 403/404 answers)."""

import logging

import pytest


@pytest.fixture(autouse=True)
def quiet_request_log():
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    """load_demo writes its people's file there (private files: tests/conftest.py)."""
    settings.VAR_DIR = tmp_path
