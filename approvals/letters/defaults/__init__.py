"""The default templates shipped with Relais (built by build.py)."""

import hashlib
from pathlib import Path

DEFAULTS_DIR = Path(__file__).resolve().parent
LANGUAGES = ("fr", "en", "es", "pt")


def shipped() -> list[tuple[str, str, Path]]:
    """(kind, language, path) of every shipped template."""
    found = []
    for path in sorted(DEFAULTS_DIR.glob("*.docx")):
        kind, language, _ext = path.name.split(".")
        found.append((kind, language, path))
    return found


def load_defaults(template_model, *, update: bool = False) -> list[str]:
    """Create version 1 of each kind × language that has none; with
    `update`, add a new version where the shipped file differs from the
    newest one. Returns what was added ("kind.language vN"). Idempotent.

    Takes the model class so a data migration can pass its historical model.
    """
    added = []
    for kind, language, path in shipped():
        content = path.read_bytes()
        digest = hashlib.sha256(content).hexdigest()
        newest = template_model.objects.filter(kind=kind, language=language).order_by("-version").first()
        if newest is not None and (not update or newest.sha256 == digest):
            continue
        version = newest.version + 1 if newest is not None else 1
        template_model.objects.create(
            kind=kind,
            language=language,
            version=version,
            content=content,
            sha256=digest,
            original_name=path.name,
            note="Modèle par défaut de Relais",
        )
        added.append(f"{kind}.{language} v{version}")
    return added
