"""The authorization matrix's rule table, read from rules.txt beside it.

Each line of rules.txt is one request of the matrix:

    <pattern name> [<sample>] <METHOD> | <default>; <status>: <who> <who>...; ...   # why

<default> is the outcome for every principal not named after it; later
parts name principals (or the aliases below) with another outcome. An
outcome is an HTTP status ("200", "403", "404", "405", ...) or "login"
(302 to the sign-in page), "admin-login" (302 to the admin's sign-in), "2fa"
(302 to the second factor) or "302" (any other redirect). A pattern of the
resolver with no line fails the matrix.

Lines marked "KNOWN(<branch>)" state the rule as it should be while another
branch fixes the code; the matrix fails on them until that branch is merged.
"""

from pathlib import Path

from .world import PRINCIPALS

ALIASES = {
    "signed_in": [p for p in PRINCIPALS if p != "anonymous"],
    "applicants": ["owner", "other_applicant"],
    "focal_points": ["lead_focal", "partner_focal", "referrer"],
    "copil": ["copil_member", "copil_chair"],
    "emergency": ["emergency_member", "emergency_chair"],
    "officers": ["officer_assigned", "officer_unassigned"],
    "staff": ["administrator", "superuser"],
    "nonstaff": [p for p in PRINCIPALS if p not in ("anonymous", "administrator", "superuser")],
}

RULES_FILE = Path(__file__).with_name("rules.txt")


def _expand(names):
    out = []
    for name in names:
        if name in ALIASES:
            out.extend(ALIASES[name])
        elif name in PRINCIPALS:
            out.append(name)
        else:
            raise ValueError(f"unknown principal or alias {name!r} in rules.txt")
    return out


def parse_spec(spec: str) -> dict:
    parts = [part.strip() for part in spec.split(";") if part.strip()]
    expected = {name: parts[0] for name in PRINCIPALS}
    for part in parts[1:]:
        status, _, who = part.partition(":")
        for name in _expand(who.split()):
            expected[name] = status.strip()
    return expected


def load_rules(path=RULES_FILE) -> dict:
    """{"<pattern> [<sample>] <METHOD>": {principal: outcome}}"""
    rules = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        key, _, spec = line.partition("|")
        key = " ".join(key.split())
        if key in rules:
            raise ValueError(f"rules.txt:{number}: {key} twice")
        rules[key] = parse_spec(spec)
    return rules


def pattern_of(key: str) -> str:
    return key.rsplit(" [", 1)[0]


def compress(row: dict) -> str:
    """The shortest spec for an observed row (used to write new lines)."""
    from collections import Counter

    default = Counter(row.values()).most_common(1)[0][0]
    groups = {}
    for name in PRINCIPALS:
        if row[name] != default:
            groups.setdefault(row[name], []).append(name)
    return default + "".join(f"; {status}: {' '.join(names)}" for status, names in groups.items())
