"""Portuguese (São Tomé and Príncipe): every catalog has its Portuguese
twin, each entry translated (nothing empty, nothing fuzzy, the same
placeholders as the French msgid), and Django serves it for "pt"."""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[1]
CATALOGS = sorted(
    path
    for path in ROOT.glob("**/locale/pt/LC_MESSAGES/django.po")
    if ".venv" not in path.parts and "staticfiles" not in path.parts
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|%%|\{\w*\}|</?[a-zA-Z][^>]*>")


def _placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def test_each_english_catalog_has_a_portuguese_one():
    english = {path.parent.parent.parent for path in ROOT.glob("**/locale/en/LC_MESSAGES/django.po")
               if ".venv" not in path.parts and "staticfiles" not in path.parts}
    assert english == {path.parent.parent.parent for path in CATALOGS}


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_string_has_its_portuguese_translation(catalog):
    po = polib.pofile(str(catalog))
    assert po.metadata["Language"] == "pt"
    assert po.metadata["Plural-Forms"].startswith("nplurals=2;")
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(("fuzzy", entry.msgid))
        if entry.msgid_plural:
            singular, plural = entry.msgstr_plural.get(0, ""), entry.msgstr_plural.get(1, "")
            if not (singular and plural):
                problems.append(("empty", entry.msgid))
            elif _placeholders(plural) != _placeholders(entry.msgid_plural) or not set(
                _placeholders(singular)
            ) <= set(_placeholders(entry.msgid_plural)):
                problems.append(("placeholders", entry.msgid))
        elif not entry.msgstr:
            problems.append(("empty", entry.msgid))
        elif _placeholders(entry.msgstr) != _placeholders(entry.msgid):
            problems.append(("placeholders", entry.msgid))
    assert problems == []


def test_django_serves_portuguese_for_public_pages():
    with translation.override("pt"):
        assert translation.gettext("Demander un soutien urgent") == "Pedir um apoio urgente"
        assert translation.gettext("Suivre une demande") == "Acompanhar um pedido"
        assert translation.gettext("Demander une aide d'urgence") == "Pedir uma ajuda de urgência"
        assert translation.gettext("Demande d'adhésion") == "Pedido de adesão"
        assert translation.gettext("Vérifier une lettre") == "Verificar uma carta"
        assert translation.gettext("Lettre authentique.") == "Carta autêntica."
        assert (
            translation.ngettext("%(counter)s décision", "%(counter)s décisions", 3) % {"counter": 3}
            == "3 decisões"
        )
        assert (
            translation.ngettext("%(counter)s décision", "%(counter)s décisions", 1) % {"counter": 1}
            == "1 decisão"
        )
