"""Modules that fit in a head: no Python module of the project is over 450
lines (../shared/STYLE.md: past ~400, a module becomes a package along its
seams). Migrations are generated and left out; the tests count too."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 450
# Not the project's code: the virtualenv, run-time files, collected static
# files, build and test output.
SKIPPED_DIRS = {".venv", "var", "static", "staticfiles", "node_modules", "__pycache__", "test-results", ".git"}


def project_modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if any(part in SKIPPED_DIRS or part.endswith(".egg-info") for part in parts[:-1]):
            continue
        if "migrations" in parts[:-1]:
            continue
        yield path
    # Scripts of bin/ written in Python (no .py suffix).
    for path in sorted((ROOT / "bin").iterdir()):
        if path.is_file() and path.suffix == "" and path.read_bytes()[:64].startswith(b"#!") and b"python" in path.read_bytes()[:64]:
            yield path


def line_count(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _line in handle)


def test_the_walk_sees_the_project():
    modules = {path.relative_to(ROOT).as_posix() for path in project_modules()}
    assert {"approvals/models/dossier.py", "config/settings.py", "tests/test_module_size.py"} <= modules
    assert not any("/migrations/" in name or name.startswith(".venv/") for name in modules)


def test_no_module_is_over_450_lines():
    too_long = {
        path.relative_to(ROOT).as_posix(): lines
        for path in project_modules()
        if (lines := line_count(path)) > MAX_LINES
    }
    assert not too_long, f"split along their seams (at most {MAX_LINES} lines each): {too_long}"
