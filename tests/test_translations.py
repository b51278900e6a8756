"""Every catalog of the project translates every string it collects into
English, with nothing left fuzzy: French is the source, English must never
show a French fallback."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
CATALOGS = sorted(
    path
    for path in ROOT.glob("**/locale/en/LC_MESSAGES/django.po")
    if ".venv" not in path.parts and "staticfiles" not in path.parts
)


def test_each_app_has_an_english_catalog():
    owners = {path.relative_to(ROOT).parts[0] for path in CATALOGS}
    assert {"locale", "approvals", "members", "grants", "casework"} <= owners


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_string_has_its_english_translation(catalog):
    po = polib.pofile(str(catalog))
    untranslated = [
        entry.msgid
        for entry in po
        if not entry.obsolete
        and ("fuzzy" in entry.flags or not (entry.msgstr or all(entry.msgstr_plural.values()) and entry.msgstr_plural))
    ]
    assert untranslated == []
