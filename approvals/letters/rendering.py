"""Rendering letters from .docx templates, sandboxed.

A template is Jinja inside a Word document (docxtpl). It runs in an
immutable sandbox with no globals, autoescaping (so `&`, `<`, `"` in a name
stay text and the .docx stays valid XML) and StrictUndefined (a misspelt
name fails loudly instead of printing nothing). It reads a context of plain
data prepared for it (str, int, lists, dicts) and nothing else: no model
instance ever reaches it, and attribute access outside that data (`__class__`
and friends) is refused when the template is uploaded and again when it runs.
"""

import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, TemplateError, meta, nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .kinds import LETTER_KINDS

# Characters XML 1.0 forbids: one of them in a name would make the .docx unreadable.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# A template may repeat text, not build megabytes out of a few characters.
_MAX_REPEAT = 10_000
# Dates in letters, in full in every language ("12 mars 2026", "12 March 2026").
LETTER_DATE_FORMAT = "j F Y"


class TemplateRefused(Exception):
    """A template that may not be used; `errors` are sentences for the administrator."""

    def __init__(self, errors):
        self.errors = [str(e) for e in errors]
        super().__init__(" ".join(self.errors))


class RenderFailed(Exception):
    """A letter could not be rendered from its template and context."""


class LetterContextError(TypeError):
    """A dossier's letter context holds something that is not plain data."""


class LetterSandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator, left, right):
        if operator == "**":
            raise SecurityError("the power operator is not available in letter templates")
        for value, times in ((left, right), (right, left)):
            if isinstance(value, (str, list, tuple)) and isinstance(times, int) and len(value) * times > _MAX_REPEAT:
                raise SecurityError("repetition too large")
        return super().call_binop(context, operator, left, right)


def sandbox() -> LetterSandbox:
    env = LetterSandbox(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    env.globals.clear()  # no range(), lipsum(), cycler(): data only
    return env


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
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, LETTER_DATE_FORMAT)
    if isinstance(value, date):
        return date_format(value, LETTER_DATE_FORMAT)
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
    # Last, a trial run on sample data: loops over lists of dicts, filters on the wrong type.
    try:
        render(content, variables)
    except RenderFailed as exc:
        raise TemplateRefused([_("Le modèle ne s'exécute pas sur des données d'exemple : %(error)s") % {"error": exc}]) from exc


# --- rendering ---------------------------------------------------------------------------


def render(content: bytes, context: dict, *, logo_path: str = "") -> bytes:
    """The rendered .docx for `context` (plain data, already checked)."""
    template = _open(content)
    context = dict(context)
    if logo_path and isinstance(context.get("network"), dict):
        context["network"] = {**context["network"], "logo": InlineImage(template, logo_path, width=Mm(30))}
    try:
        template.render(context, jinja_env=sandbox(), autoescape=True)
    except SecurityError as exc:
        raise RenderFailed(_("le modèle a tenté de lire hors de ses données (%(error)s).") % {"error": exc}) from exc
    except UndefinedError as exc:
        raise RenderFailed(_("variable absente : %(error)s.") % {"error": exc.message}) from exc
    except TemplateError as exc:
        raise RenderFailed(str(exc)) from exc
    except (TypeError, ValueError, ArithmeticError) as exc:  # e.g. a filter applied to the wrong type
        raise RenderFailed(f"{type(exc).__name__}: {exc}") from exc
    output = BytesIO()
    template.save(output)
    return output.getvalue()
