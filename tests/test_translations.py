"""Every catalogue of the project translates every string it collects, with
nothing left fuzzy and the same placeholders as the French: French is the
source (msgids are French), so English, Spanish and Portuguese must never
show a French fallback, and a translation that drops or renames a
placeholder would fail at run time. And the catalogues follow the code: a
translatable string in the code that no catalogue holds fails the suite."""

import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
TRANSLATED = ("en", "es", "pt")
OWNERS = {"locale", "approvals", "members", "grants", "casework"}
CATALOGS = sorted(
    path
    for language in TRANSLATED
    for path in ROOT.glob(f"**/locale/{language}/LC_MESSAGES/django.po")
    if ".venv" not in path.parts and "staticfiles" not in path.parts
)
# %(name)s, %(count)d, %s, %%, {name}: what Python fills in.
PLACEHOLDER = re.compile(r"%\([A-Za-z_][A-Za-z0-9_]*\)[sdif]|%[sdif%]|\{[A-Za-z_][A-Za-z0-9_]*\}")


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_app_has_a_catalog_in_each_language(language):
    owners = {path.relative_to(ROOT).parts[0] for path in CATALOGS if path.parts[-3] == language}
    assert OWNERS <= owners, f"{language}: no catalogue for {sorted(OWNERS - owners)}"
    assert (ROOT / "approvals/letters/locale" / language / "LC_MESSAGES/django.po").exists()


@pytest.mark.parametrize("catalog", CATALOGS, ids=_id)
def test_every_string_is_translated(catalog):
    po = polib.pofile(str(catalog))
    untranslated = [
        entry.msgid
        for entry in po
        if not entry.obsolete
        and (
            "fuzzy" in entry.flags
            or (not entry.msgid_plural and not entry.msgstr)
            or (entry.msgid_plural and not (entry.msgstr_plural and all(entry.msgstr_plural.values())))
        )
    ]
    assert untranslated == []
    assert not po.metadata_is_fuzzy, "the header is marked fuzzy"


@pytest.mark.parametrize("catalog", CATALOGS, ids=_id)
def test_placeholders_are_the_same_as_in_french(catalog):
    wrong = []
    for entry in polib.pofile(str(catalog)):
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            # a singular may say "one" instead of %(count)s; the names used must exist in French
            expected = set(PLACEHOLDER.findall(entry.msgid_plural)) | set(PLACEHOLDER.findall(entry.msgid))
            for form in entry.msgstr_plural.values():
                if not set(PLACEHOLDER.findall(form)) <= expected:
                    wrong.append((entry.msgid, form))
        elif entry.msgstr and sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(entry.msgstr)):
            wrong.append((entry.msgid, entry.msgstr))
    assert wrong == []


def test_the_catalogues_hold_every_string_of_the_code():
    """bin/catalogues runs makemessages over a temporary copy of the sources
    (the tree is not touched) and lists the msgids a committed catalogue
    lacks, language by language."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "bin" / "catalogues"), "check", *TRANSLATED],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, (
        "Strings in the code that the catalogues lack (run bin/catalogues update, then translate):\n"
        + result.stdout + result.stderr
    )


def test_the_check_names_a_string_the_catalogues_lack(tmp_path):
    """The check fails, naming the string, when the code has one no catalogue holds."""
    sys.path.insert(0, str(ROOT / "bin"))
    try:
        import importlib.machinery
        import importlib.util

        loader = importlib.machinery.SourceFileLoader("relais_catalogues", str(ROOT / "bin" / "catalogues"))
        spec = importlib.util.spec_from_loader("relais_catalogues", loader)
        catalogues = importlib.util.module_from_spec(spec)
        loader.exec_module(catalogues)
    finally:
        sys.path.remove(str(ROOT / "bin"))
    source = tmp_path / "src"
    (source / "demo").mkdir(parents=True)
    (source / "demo" / "views.py").write_text(
        'from django.utils.translation import gettext as _\n\nTEXT = _("Une phrase que personne n\'a traduite")\n'
    )
    catalogues.ROOT = source
    catalogues.DOMAINS = {"demo": ("demo/locale", ["demo"], [])}
    lacking = catalogues.missing(["es"])
    assert [entry.msgid for entry in lacking[("demo", "es")]] == ["Une phrase que personne n'a traduite"]
    assert not (source / "demo" / "locale").exists()  # the sources were not touched
