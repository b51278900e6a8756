"""Contributions come from funders of the donor map (grants.Funder).

`match_funder` is shared by the service (a caller that still names a donor
in words) and by migration 0006 (free-text donors recorded before the link),
so both find the same funder for the same words. It takes the model class:
the migration passes its historical model.
"""

import unicodedata


def _key(text: str) -> str:
    """Case, accents and spacing do not make another funder."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


def match_funder(funder_model, name: str):
    """The funder whose name, acronym or "name (acronym)" is `name`, or None."""
    wanted = _key(name)
    if not wanted:
        return None
    for funder in funder_model.objects.order_by("pk"):
        keys = {_key(funder.name)}
        if funder.acronym:
            keys |= {_key(funder.acronym), _key(f"{funder.name} ({funder.acronym})")}
        if wanted in keys:
            return funder
    return None


def funder_for_name(funder_model, name: str, **created_fields):
    """The matching funder, or a new one named `name` (returns (funder, created))."""
    found = match_funder(funder_model, name)
    if found is not None:
        return found, False
    return funder_model.objects.create(name=" ".join(name.split())[:200], **created_fields), True
