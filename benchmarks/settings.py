"""Benchmark settings: the real settings plus one benchmark-only URL, the
bare view the HTTP measures compare against (benchmarks/urls.py)."""

from config.settings import *  # noqa: F401,F403

ROOT_URLCONF = "benchmarks.urls"
