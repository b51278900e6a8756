#!/bin/sh
# Collect the letters' strings (and only those) into approvals/letters/locale:
# makemessages runs in a directory of symlinks to the letters' own files, so
# the rest of approvals/ (the engine's catalog) is left alone.
#   sh approvals/letters/makemessages.sh
set -e
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
T="$(mktemp -d "${TMPDIR:-/tmp}/letters-i18n.XXXXXX")"
trap 'rm -rf "$T"' EXIT
ln -s "$ROOT/approvals/letters" "$T/letters"
ln -s "$ROOT/approvals/models/letters.py" "$T/models_letters.py"
mkdir -p "$T/templates"
ln -s "$ROOT/approvals/templates/approvals/letters" "$T/templates/letters"
ln -s "$ROOT/approvals/templates/approvals/verify.html" "$T/templates/verify.html"
ln -s "$ROOT/approvals/letters/locale" "$T/locale"
cd "$T"
DJANGO_SETTINGS_MODULE=config.settings "$ROOT/.venv/bin/python" "$ROOT/manage.py" makemessages \
    -l en -l fr --symlinks -i locale -i defaults -i __pycache__ --no-location --no-obsolete
