"""The dossier interface is written down in approvals/README.md ("The
dossier interface"), and the writing follows the code: every public name of
`Dossier` is described there, every name described there exists, and every
dossier kind fills in what the README says is required."""

import re
from pathlib import Path

from approvals.models import Dossier
from approvals.registry import dossier_models

README = Path(__file__).resolve().parents[2] / "approvals" / "README.md"
# Django's, not the engine's: the model's Meta and save(), the generated
# get_next_by_<date>/get_previous_by_<date>, the owner's "_id" column.
DJANGO_NAMES = {"Meta", "save"}
KIND_ONLY = {"state"}  # declared by each kind, not by Dossier
REQUIRED = {"state", "reference_prefix"}


def documented_names() -> set[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## The dossier interface", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in section.splitlines():
        if not line.startswith("- `"):
            continue
        head = line[2:].split(" (", 1)[0]  # "`reference`, `owner`, ..." or "`letter_kind(decision)`"
        names |= {re.sub(r"\(.*\)$", "", name) for name in re.findall(r"`([^`]+)`", head)}
    return names


def public_names() -> set[str]:
    generated = {field.attname for field in Dossier._meta.local_fields if field.attname != field.name}
    return {
        name
        for name in vars(Dossier)
        if not name.startswith("_")
        and name not in DJANGO_NAMES
        and name not in generated
        and not name.startswith(("get_next_by_", "get_previous_by_"))
    }


def test_every_public_name_of_dossier_is_described_in_the_readme():
    # given the names the engine's base class offers or asks of a kind
    names = public_names()
    # then each one is described in the README's dossier interface
    missing = names - documented_names()
    assert not missing, f"describe {sorted(missing)} in approvals/README.md, 'The dossier interface'"


def test_every_name_described_in_the_readme_exists_on_dossier():
    described = documented_names() - KIND_ONLY
    assert described, "the README's 'The dossier interface' section lists no names"
    gone = {name for name in described if not hasattr(Dossier, name) and name not in {f.name for f in Dossier._meta.local_fields}}
    assert not gone, f"approvals/README.md describes {sorted(gone)}, which Dossier no longer has"


def test_every_dossier_kind_declares_what_the_readme_requires():
    assert REQUIRED <= documented_names()
    kinds = dossier_models()
    assert kinds, "no dossier kind is installed"
    for model in kinds:
        assert model._meta.get_field("state").__class__.__name__ == "FSMField", model
        assert model._meta.get_field("state").protected, f"{model.__name__}.state must be protected"
        assert model.reference_prefix, f"{model.__name__} has no reference_prefix"
    prefixes = [model.reference_prefix for model in kinds]
    assert len(prefixes) == len(set(prefixes)), f"two kinds share a reference prefix: {sorted(prefixes)}"
