"""Shared by the security tests: private files in a temporary folder, and
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
def private_storage(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    settings.VAR_DIR = tmp_path
