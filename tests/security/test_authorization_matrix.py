"""The authorization matrix: every URL pattern of the resolver (Django's
admin included), filled with real objects of every dossier kind, requested
as anonymous and as every role and relationship; each outcome is compared
with the rule table (tests/security/rules.txt, read by rules.py). A pattern
without a rule fails.

Set MATRIX_OBSERVE=<file> to also write every observed row there in the
rule table's format (to add lines for new URLs, after checking them)."""

import os
import time

from django.core.cache import cache

from .fill import samples_for, url_for
from .matrix import client_for, isolated, outcome
from .rules import compress, load_rules, pattern_of
from .urls_walk import all_patterns
from .world import PRINCIPALS, build_world

# The admin's object pages (change, delete, history) are requested by these
# only: anonymous, signed in without staff (with and without a second
# factor), staff, superuser. Its other pages by every principal.
ADMIN_OBJECT_PRINCIPALS = ["anonymous", "owner", "copil_chair", "auditor", "administrator", "superuser"]


def test_every_url_pattern_has_a_rule():
    rules = load_rules()
    ruled = {pattern_of(key) for key in rules}
    missing = [pattern.name for pattern in all_patterns() if pattern.name not in ruled]
    assert not missing, f"URL patterns without a rule in tests/security/rules.txt: {missing}"


def test_every_rule_names_an_existing_pattern():
    names = {pattern.name for pattern in all_patterns()}
    stale = sorted({pattern_of(key) for key in load_rules()} - names)
    assert not stale, f"rules for URL patterns that no longer exist: {stale}"


def test_authorization_matrix(db):
    cache.clear()
    rules = load_rules()
    world = build_world()
    clients = {name: client_for(world.people[name]) for name in PRINCIPALS}
    mismatches, unruled, observed = [], [], []
    count = 0
    started = time.monotonic()
    for pattern in all_patterns():
        samples = samples_for(pattern, world)
        assert samples is not None, f"the matrix cannot fill {pattern.name} ({pattern.route}): add it to tests/security/fill.py"
        admin = pattern.route.startswith("admin/")
        methods = ("GET",) if admin else ("GET", "POST")
        principals = ADMIN_OBJECT_PRINCIPALS if admin and any(kwargs for _label, kwargs in samples) else PRINCIPALS
        for label, kwargs in samples:
            path = url_for(pattern, kwargs)
            for method in methods:
                key = f"{pattern.name} [{label}] {method}"
                expected = rules.get(key)
                row = {}
                for name in principals:
                    row[name] = outcome(isolated(clients[name], method, path))
                    count += 1
                    if expected is not None and row[name] != expected[name]:
                        mismatches.append(f"{key} {path} as {name}: got {row[name]}, rule says {expected[name]}")
                if expected is None:
                    unruled.append(key)
                observed.append(f"{key:55} | {compress({n: row.get(n, (expected or {}).get(n, row[principals[-1]])) for n in PRINCIPALS})}")
    elapsed = time.monotonic() - started
    print(f"\n{count} requests in the matrix ({len(clients)} principals), {elapsed:.1f} s")
    if os.environ.get("MATRIX_OBSERVE"):
        with open(os.environ["MATRIX_OBSERVE"], "w") as out:
            out.write("\n".join(observed) + "\n")
    assert not unruled, f"requests of the matrix without a line in rules.txt: {unruled}"
    assert not mismatches, f"{len(mismatches)} outcome(s) differ from the rules:\n" + "\n".join(mismatches)
