"""Fuzz every form the pages show (public and signed in) with generated bad
values: huge numbers, NUL bytes, very long and odd Unicode, wrong types
(lists, text for numbers), dates far away, unknown currencies, unknown ids.
No answer may be a 500, and a refused request (4xx, or the form shown
again with its errors) writes nothing: the row count of every model is the
same before and after.

The forms are found by crawling the matrix's pages (tests/security/world.py)
as a principal the rule table lets in; each example runs in a savepoint
rolled back afterwards. Hypothesis: derandomized, bounded examples per form.
"""

import copy
import time
from collections import Counter

from django.apps import apps
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .fill import samples_for, url_for
from .forms_crawl import forms_in
from .matrix import client_for
from .rules import load_rules
from .urls_walk import all_patterns
from .world import build_world

EXAMPLES_PER_FORM = 8

# Whom to crawl a page as: the first two of these the rule table lets in.
CRAWL_ORDER = [
    "anonymous", "owner", "lead_focal", "partner_focal", "referrer", "officer_assigned", "membership_group",
    "fundraising_group", "copil_chair", "emergency_chair", "country_focal", "administrator", "superuser",
]
# Written by any request, refused or not: sessions, sign-in attempts, and the
# rate limits' counters (a refused guess of a status code must be counted).
NOT_COUNTED = {
    "sessions.session", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog", "axes.accessattemptexpiration",
    "approvals.ratecounter",
}

HUGE = ["99999999999999999999999999999", "-99999999999999999999999999999", "1e309", "-1e309", "NaN", "Infinity", "-0", "2147483648", "9223372036854775808", "0x10"]
NUL = ["\x00", "a\x00b", "\x00" * 50]
DATES = ["0001-01-01", "9999-12-31", "10000-01-01", "2026-02-30", "-2026-01-01", "01/13/2026", "2026-12-01T25:61"]
CURRENCIES = ["XXX", "ZZZ", "eur", "€", "EURO", "", "X\x00F"]
ODD = ["", " ", "\u202e\u202d", "\ud7ff\ufeff\ufffd", "𝕳𝖊𝖑𝖑𝖔 🏳️‍🌈", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "%00", "{{ 7*7 }}"]

bad_scalar = st.one_of(
    st.sampled_from(HUGE + NUL + DATES + CURRENCIES + ODD),
    st.text(min_size=1000, max_size=20000, alphabet=st.characters(exclude_categories=("Cs",))),
    st.text(max_size=50),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
)


def field_value(draw, field):
    """A value for one field: usually bad, sometimes what the page offered."""
    choice = draw(st.integers(0, 9))
    offered = field.options or ([field.value] if field.value else [])
    if choice < 3 and offered:
        value = draw(st.sampled_from(offered))
        if field.multiple and draw(st.booleans()):
            return [value, draw(st.sampled_from(HUGE + ["-1", "0"]))]
        return value
    if choice == 3:
        return draw(st.lists(bad_scalar, min_size=2, max_size=4))  # a list where one value is expected
    if choice == 4 and field.kind in ("select", "checkbox", "radio", "hidden"):
        # an id out of any range, alone or beside a real option
        huge = draw(st.sampled_from(["99999999999999999999999999999", "-1", "0", "1.5", "1e3"]))
        return [draw(st.sampled_from(offered)), huge] if offered and field.multiple else huge
    if field.kind == "file":
        name = draw(st.sampled_from(["a.pdf", "x\x00.pdf", "é" * 300 + ".docx", ".htaccess", "note.exe"]))
        content = draw(st.sampled_from([b"", b"%PDF-1.4\n%%EOF\n", b"<html><script>1</script>", b"PK\x03\x04" + b"\x00" * 40]))
        return SimpleUploadedFile(name.replace("\x00", ""), content)
    return draw(bad_scalar)


@st.composite
def payloads(draw, fields):
    """One submission: each field (rarely left out) with a generated value."""
    out = {}
    for name, field in fields.items():
        if draw(st.integers(0, 9)) == 0:
            continue
        out[name] = field_value(draw, field)
    return out


def count_rows():
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in NOT_COUNTED or model._meta.proxy or not model._meta.managed:
            continue
        counts[label] = model._default_manager.count()
    return counts


def crawl(world, clients, rules):
    """Every POST form on every page of the matrix a principal is let into."""
    forms = {}
    for pattern in all_patterns():
        if pattern.route.startswith("admin/"):
            continue
        for label, kwargs in samples_for(pattern, world) or []:
            rule = rules.get(f"{pattern.name} [{label}] GET") or {}
            allowed = [name for name in CRAWL_ORDER if rule.get(name) == "200"][:2]
            path = url_for(pattern, kwargs)
            for name in allowed:
                response = clients[name].get(path)
                if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                    continue
                for form in forms_in(response.content.decode(errors="replace"), path, name):
                    if form.action.startswith("/admin/") or form.action.startswith("/i18n/"):
                        continue
                    try:
                        view = resolve(form.action).view_name
                    except Resolver404:
                        view = form.action
                    # One form per view and set of fields: the same form on
                    # another dossier or for another principal adds little.
                    forms.setdefault((view, tuple(sorted(form.fields))), form)
    return list(forms.values())


def test_fuzz_every_form(db):
    cache.clear()
    world = build_world()
    rules = load_rules()
    clients = {name: client_for(world.people[name]) for name in CRAWL_ORDER}
    forms = crawl(world, clients, rules)
    assert len(forms) >= 40, f"the crawl found only {len(forms)} forms"
    assert any(form.action == "/compte/jetons/" for form in forms), "the API token form is not fuzzed"
    failures, written, signed_out, statuses = [], [], [], Counter()
    requests = 0
    started = time.monotonic()

    for form in forms:
        client = clients[form.principal]

        @settings(max_examples=EXAMPLES_PER_FORM, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(payloads(form.fields))
        def run(payload):
            nonlocal requests
            cache.clear()
            cookies = copy.deepcopy(client.cookies)  # signing out is rolled back too
            with transaction.atomic():
                before = count_rows()
                response = client.post(form.action, payload)
                after = count_rows()
                transaction.set_rollback(True)
            client.cookies = cookies
            requests += 1
            statuses[response.status_code] += 1
            if form.principal != "anonymous" and not form.action.startswith("/compte/deconnexion/") and response.status_code == 302 and response["Location"].startswith("/compte/connexion/"):
                signed_out.append(f"POST {form.action} as {form.principal}")
            summary = {k: (repr(v)[:80] if not hasattr(v, "read") else f"<file {v.name[:40]!r}>") for k, v in payload.items()}
            if response.status_code >= 500:
                exc = getattr(response, "exc_info", None)
                cause = f"{exc[0].__name__}: {str(exc[1])[:120]}" if exc else ""
                failures.append(f"{response.status_code} POST {form.action} as {form.principal} [{cause}]: {summary}")
                return
            body = response.content.decode(errors="replace") if not getattr(response, "streaming", False) else ""
            refused = response.status_code >= 400 or (response.status_code == 200 and "errorlist" in body)
            if refused and before != after:
                diff = {k: after[k] - before[k] for k in after if after[k] != before.get(k)}
                written.append(f"{response.status_code} POST {form.action} as {form.principal} wrote {diff}: {summary}")

        run()

    elapsed = time.monotonic() - started
    print(f"\nform fuzz: {len(forms)} forms, {requests} requests, {len(failures)} answers 5xx, "
          f"{len(written)} refused requests that wrote, {elapsed:.1f} s; statuses {dict(statuses)}")
    for form in forms:
        print(f"  {form.action} as {form.principal}: {sorted(form.fields)}")
    for failure in failures:
        print("  5xx:", failure[:600])
    assert not failures, f"{len(failures)} 5xx answers:\n" + "\n".join(failures[:80])
    assert not signed_out, "the fuzz lost its sessions (its answers would mean nothing):\n" + "\n".join(signed_out[:20])
    assert not written, "refused requests that wrote:\n" + "\n".join(written[:80])
