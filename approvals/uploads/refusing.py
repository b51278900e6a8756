"""How a check says no: `Refusal` inside the package, a ValidationError outside."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class Refusal(Exception):
    """Raised by the checks (archives, pdf, images) before the file's name is
    known to them; `inspect_upload` turns it into a ValidationError."""

    def __init__(self, message: str, code: str, **values):
        super().__init__(message)
        self.message, self.code, self.values = message, code, values


def _short(name: str) -> str:
    name = PurePath((name or "").replace("\\", "/")).name or _("sans nom")
    return name if len(name) <= 80 else name[:77] + "…"


def validation_error(message: str, code: str, name: str, **values) -> ValidationError:
    return ValidationError(message % {"name": _short(name), **values}, code=code)
