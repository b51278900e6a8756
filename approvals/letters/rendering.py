"""Rendering letters from .docx templates, sandboxed.

A template is Jinja inside a Word document (docxtpl). It runs in an
immutable sandbox with no globals, autoescaping (so `&`, `<`, `"` in a name
stay text and the .docx stays valid XML) and StrictUndefined (a misspelt
name fails loudly instead of printing nothing). It reads a context of plain
data prepared for it (str, int, lists, dicts) and nothing else: no model
instance ever reaches it, and attribute access outside that data (`__class__`
and friends) is refused when the template is uploaded and again when it runs.

Nor may it ask for more than a letter needs, whoever chose the data (an
applicant chooses their own name): widths and counts are capped, every value
made and the text written are measured, loops and calls have a budget and
recursion a depth (LetterSandbox). Each render runs in a helper process under
a time and memory limit (confined.py). The upload check tries a template on
sample data, then with every string and list at its cap.
"""

import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import TemplateError, meta, nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError

from . import confined
from .kinds import LETTER_KINDS
from .sandbox import (  # noqa: F401 (the limits and LetterSandbox are read from this module too)
    MAX_CALLS,
    MAX_DEPTH,
    MAX_ITERATIONS,
    MAX_OUTPUT,
    MAX_TEXT,
    MAX_VALUE,
    MAX_WIDTH,
    LetterSandbox,
    RenderFailed,
    RenderLimitExceeded,
    sandbox,
)

# Characters XML 1.0 forbids: one of them in a name would make the .docx unreadable.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Images a context names by their path (("tables", 0, "chart"): PNG bytes), this wide.
IMAGE_WIDTH_MM = 160
# Dates in letters, in full in every language ("12 mars 2026", "12 March 2026").
LETTER_DATE_FORMAT = "j F Y"
# Where the language puts a word between day, month and year ("12 de marzo de 2026").
LETTER_DATE_FORMATS = {"es": r"j \d\e F \d\e Y", "pt": r"j \d\e F \d\e Y"}


def letter_date_format() -> str:
    """The format of a letter's dates in the active language."""
    return LETTER_DATE_FORMATS.get((translation.get_language() or "").split("-")[0], LETTER_DATE_FORMAT)


class TemplateRefused(Exception):
    """A template that may not be used; `errors` are sentences for the administrator."""

    def __init__(self, errors):
        self.errors = [str(e) for e in errors]
        super().__init__(" ".join(self.errors))


class LetterContextError(TypeError):
    """A dossier's letter context holds something that is not plain data."""


# Context strings are cut to these lengths before a render (and tried at them on upload).
MAX_SHORT = 100  # references, codes, dates, amounts, addresses made by Relais
MAX_NAME = 200  # names and titles (a person's or organisation's name is at most 200)
MAX_ITEM_TEXT = 1_000  # a string inside a list (a reason, an agenda line)
MAX_CONTEXT_TEXT = 4_000  # any other string (conditions, notes)
TRIAL_LIST_ITEMS = 10  # lists are tried at this length on upload
_SHORT_SUFFIXES = ("reference", "code", "date", "today", "language", "url", "currency", "amount", "email", "cells")
_NAME_SUFFIXES = ("name", "acronym", "title", "country", "signatory", "outcome", "kind", "place", "dossier")


# --- plain data --------------------------------------------------------------------


def plain(value, *, path: str = "context"):
    """`value` as plain data a template may read, or LetterContextError.

    Run under the letter's language: lazy strings and dates come out in it.
    Decimals become their text (money is never a float); strings lose any
    "safe" marking and the characters XML cannot hold.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, (str, Promise)):
        return _XML_INVALID.sub("", str(value))  # re.sub returns a plain str, never a SafeString
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, letter_date_format())
    if isinstance(value, date):
        return date_format(value, letter_date_format())
    if isinstance(value, (list, tuple)):
        return [plain(item, path=f"{path}[{i}]") for i, item in enumerate(value)]
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise LetterContextError(f"{path}: keys must be strings, not {type(key).__name__}")
            result[key] = plain(item, path=f"{path}.{key}")
        return result
    raise LetterContextError(f"{path}: {type(value).__name__} is not plain data (str, int, Decimal, date, list, dict)")


# --- reading a template ---------------------------------------------------------------


def _open(content: bytes) -> DocxTemplate:
    try:
        template = DocxTemplate(BytesIO(content))
        template.init_docx()
        template.get_xml()
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise TemplateRefused([_("Ce fichier ne s'ouvre pas comme un document Word (.docx).")]) from exc
    except Exception as exc:  # python-docx raises its own errors for broken packages
        raise TemplateRefused([_("Ce fichier ne s'ouvre pas comme un document Word (.docx).")]) from exc
    return template


def _template_sources(template: DocxTemplate) -> list[str]:
    """Every piece of the document that docxtpl renders, as Jinja source."""
    sources = [template.patch_xml(template.get_xml())]
    for uri in (template.HEADER_URI, template.FOOTER_URI):
        for _rel, part in template.get_headers_footers(uri):
            sources.append(template.patch_xml(template.get_part_xml(part)))
    for part in template.docx.part.package.parts:
        if part.content_type.endswith("wordprocessingml.footnotes+xml"):
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            sources.append(template.patch_xml(blob))
    props = template.docx.core_properties
    sources.extend(getattr(props, name) or "" for name in ("author", "comments", "identifier", "language", "subject", "title"))
    return sources


def _reaches_outside(tree) -> list[str]:
    """Attribute and item access that leaves the data: `x.__class__`, `x['_y']`, `|attr`."""
    found = []
    for node in tree.find_all(nodes.Getattr):
        if node.attr.startswith("_"):
            found.append(node.attr)
    for node in tree.find_all(nodes.Getitem):
        if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str) and node.arg.value.startswith("_"):
            found.append(node.arg.value)
    for node in tree.find_all(nodes.Filter):
        if node.name == "attr":
            found.append("|attr")
    for node in tree.find_all((nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)):
        found.append(type(node).__name__.lower())
    return found


def _unknown_nested(tree, variables: dict) -> set[str]:
    """`network.nmae` where `network` is a known dict without that key."""
    unknown = set()
    for node in tree.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name) and isinstance(variables.get(node.node.name), dict):
            if node.attr not in variables[node.node.name]:
                unknown.add(f"{node.node.name}.{node.attr}")
    return unknown


def check_template(content: bytes, kind: str) -> None:
    """Refuse a template that does not open, does not compile in the sandbox,
    reaches outside its data or reads a name its kind does not provide.

    Raises TemplateRefused with every problem found.
    """
    if kind not in LETTER_KINDS:
        raise TemplateRefused([_("Type de lettre inconnu : %(kind)s.") % {"kind": kind}])
    variables = LETTER_KINDS[kind].variables
    max_text = LETTER_KINDS[kind].text_budget or MAX_TEXT
    template = _open(content)
    env = sandbox()
    errors = []
    unknown: set[str] = set()
    outside: list[str] = []
    for source in _template_sources(template):
        try:
            tree = env.parse(source)
            env.from_string(source)  # compile: unknown filters, bad tests
        except TemplateSyntaxError as exc:
            errors.append(_("La syntaxe du modèle est incorrecte : %(error)s") % {"error": exc.message})
            continue
        except TemplateError as exc:
            errors.append(_("Le modèle ne se compile pas : %(error)s") % {"error": exc})
            continue
        outside.extend(_reaches_outside(tree))
        unknown |= {name for name in meta.find_undeclared_variables(tree) if name not in variables}
        unknown |= _unknown_nested(tree, variables)
    if outside:
        errors.append(
            _("Le modèle cherche à lire autre chose que ses données (%(items)s) : c'est interdit.")
            % {"items": ", ".join(sorted(set(outside)))}
        )
    if unknown:
        errors.append(
            _("Variables inconnues pour ce type de lettre : %(names)s. Variables disponibles : %(known)s.")
            % {"names": ", ".join(sorted(unknown)), "known": ", ".join(sorted(variables))}
        )
    if errors:
        raise TemplateRefused(errors)
    # Last, trial runs under the limits of a real letter: on sample data
    # (loops over lists of dicts, filters on the wrong type), then with every
    # string and list as long as a real letter's may be (the data's worst).
    try:
        render(content, variables, max_text=max_text)
    except RenderLimitExceeded as exc:
        raise TemplateRefused([_("Le modèle dépasse les limites d'une lettre : %(error)s") % {"error": exc}]) from exc
    except RenderFailed as exc:
        raise TemplateRefused([_("Le modèle ne s'exécute pas sur des données d'exemple : %(error)s") % {"error": exc}]) from exc
    try:
        render(content, _at_the_caps(variables), max_text=max_text)
    except RenderFailed as exc:
        raise TemplateRefused(
            [_("Le modèle dépasse les limites d'une lettre avec des données longues (noms de %(name)s caractères) : %(error)s")
             % {"name": MAX_NAME, "error": exc}]
        ) from exc


# --- rendering ---------------------------------------------------------------------------


def _cap_for(key: str, in_list: bool) -> int:
    if key.endswith(_SHORT_SUFFIXES):
        return MAX_SHORT
    if key.endswith(_NAME_SUFFIXES):
        return MAX_NAME
    return MAX_ITEM_TEXT if in_list else MAX_CONTEXT_TEXT


def _capped(value, key: str = "", *, in_list: bool = False):
    """`value` with its strings cut to what a letter needs (names to MAX_NAME)."""
    if isinstance(value, str):
        limit = _cap_for(key, in_list)
        return value if len(value) <= limit else value[: limit - 1] + "…"
    if isinstance(value, (list, tuple)):
        return [_capped(item, key, in_list=True) for item in value]
    if isinstance(value, dict):
        return {name: _capped(item, name, in_list=in_list) for name, item in value.items()}
    return value


def _at_the_caps(value, key: str = "", *, in_list: bool = False):
    """A sample context with every string as long as `_capped` lets it be and
    every list TRIAL_LIST_ITEMS long: the worst the data can do."""
    if isinstance(value, str):
        if not value:
            return value
        limit = _cap_for(key, in_list)
        return (value + " ") * (limit // (len(value) + 1)) + value[: limit % (len(value) + 1)]
    if isinstance(value, (list, tuple)):
        items = [_at_the_caps(item, key, in_list=True) for item in value]
        return (items * TRIAL_LIST_ITEMS)[:TRIAL_LIST_ITEMS] if items else items
    if isinstance(value, dict):
        return {name: _at_the_caps(item, name, in_list=in_list) for name, item in value.items()}
    return value


def _limits() -> tuple[float, int]:
    from django.conf import settings

    seconds = float(getattr(settings, "RELAIS_LETTER_RENDER_SECONDS", 10))
    memory = int(getattr(settings, "RELAIS_LETTER_RENDER_MEMORY_MB", 512)) * 1024 * 1024
    return seconds, memory


def render(content: bytes, context: dict, *, logo_path: str = "", images: dict | None = None, max_text: int = MAX_TEXT) -> bytes:
    """The rendered .docx for `context` (plain data, already checked).

    Runs in a child process under a time and memory limit (settings
    RELAIS_LETTER_RENDER_SECONDS, RELAIS_LETTER_RENDER_MEMORY_MB) with the
    context's strings cut to what a letter needs. RenderLimitExceeded when
    the template asks for more than a letter needs; RenderFailed for the
    template's other faults. `images` puts pictures in the context by their
    path: {("tables", 0, "chart"): PNG bytes}; `max_text` is the kind's text budget.
    """
    context = _capped(dict(context))
    if not confined.available():
        return render_in_process(content, context, logo_path=logo_path, images=images, max_text=max_text)
    seconds, memory = _limits()
    try:
        return confined.run(
            _render_in_language,
            translation.get_language(),
            content,
            context,
            logo_path=logo_path,
            images=images,
            max_text=max_text,
            seconds=seconds,
            memory=memory,
        )
    except confined.Exceeded as exc:
        if exc.what == "time":
            raise RenderLimitExceeded(_("le rendu a dépassé %(seconds)s secondes.") % {"seconds": f"{seconds:g}"}) from None
        raise RenderLimitExceeded(
            _("le rendu a dépassé la mémoire permise (%(megabytes)s Mo).") % {"megabytes": memory // (1024 * 1024)}
        ) from None
    except confined.Crashed as exc:
        raise RenderFailed(_("le rendu s'est arrêté sans réponse (%(error)s).") % {"error": exc}) from None


def _render_in_language(language, content: bytes, context: dict, **options) -> bytes:
    # In the helper process: its reasons in the caller's language.
    with translation.override(language):
        return render_in_process(content, context, **options)


def _place_images(template, context: dict, images: dict) -> None:
    for path, picture in images.items():
        *parents, last = path
        target = context
        for step in parents:
            target = target[step]
        target[last] = InlineImage(template, BytesIO(picture), width=Mm(IMAGE_WIDTH_MM))


def render_in_process(
    content: bytes, context: dict, *, logo_path: str = "", images: dict | None = None, max_text: int = MAX_TEXT
) -> bytes:
    """The render itself, in this process, with the sandbox's budget only
    (render() runs it in a child; benchmarks compare the two)."""
    template = _open(content)
    context = dict(context)
    if logo_path and isinstance(context.get("network"), dict):
        context["network"] = {**context["network"], "logo": InlineImage(template, logo_path, width=Mm(30))}
    if images:
        _place_images(template, context, images)
    try:
        template.render(context, jinja_env=sandbox(max_text=max_text), autoescape=True)
    except RenderFailed:
        raise
    except RecursionError as exc:
        raise RenderLimitExceeded(_("appels imbriqués trop profonds (au plus %(max)s niveaux).") % {"max": MAX_DEPTH}) from exc
    except SecurityError as exc:
        raise RenderFailed(_("le modèle a tenté de lire hors de ses données (%(error)s).") % {"error": exc}) from exc
    except UndefinedError as exc:
        raise RenderFailed(_("variable absente : %(error)s.") % {"error": exc.message}) from exc
    except TemplateError as exc:
        raise RenderFailed(str(exc)) from exc
    except (TypeError, ValueError, ArithmeticError, LookupError) as exc:  # e.g. a filter applied to the wrong type
        raise RenderFailed(f"{type(exc).__name__}: {exc}"[:500]) from exc
    output = BytesIO()
    template.save(output)
    return output.getvalue()
