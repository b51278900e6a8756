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

import functools
import re
import string
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
from jinja2 import StrictUndefined, TemplateError, meta, nodes
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.runtime import LoopContext, Macro
from markupsafe import Markup
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import confined
from .kinds import LETTER_KINDS

# Characters XML 1.0 forbids: one of them in a name would make the .docx unreadable.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# A template may repeat text, not build megabytes out of a few characters.
_MAX_REPEAT = 10_000
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


class RenderFailed(Exception):
    """A letter could not be rendered from its template and context."""


class LetterContextError(TypeError):
    """A dossier's letter context holds something that is not plain data."""


class RenderLimitExceeded(RenderFailed):
    """A template asked for more than a letter needs: too wide, too long,
    too many loop turns or calls, too deep, too slow or too big in memory."""


# --- limits --------------------------------------------------------------------------------
# A letter is a few pages. These bound what a template may make of its data
# whoever chose the data (an applicant chooses their own name): every width
# or count, every value made, the loops, the calls, the text and the XML.
MAX_WIDTH = 1_000  # a width or count given to a filter, a string method or a format
MAX_VALUE = 100_000  # characters (or items) of any one value a template makes
MAX_TEXT = 200_000  # characters a render writes out of expressions, all parts together
MAX_OUTPUT = 5_000_000  # characters of XML one part (or macro, block) renders to
MAX_ITERATIONS = 50_000  # loop turns in one render
MAX_CALLS = 100_000  # calls (macros, methods, loop turns) in one render
MAX_DEPTH = 25  # nested calls: a recursive macro stops here
# Context strings are cut to these lengths before a render (and tried at them on upload).
MAX_SHORT = 100  # references, codes, dates, amounts, addresses made by Relais
MAX_NAME = 200  # names and titles (a person's or organisation's name is at most 200)
MAX_ITEM_TEXT = 1_000  # a string inside a list (a reason, an agenda line)
MAX_CONTEXT_TEXT = 4_000  # any other string (conditions, notes)
TRIAL_LIST_ITEMS = 10  # lists are tried at this length on upload
_SHORT_SUFFIXES = ("reference", "code", "date", "today", "language", "url", "currency", "amount", "email")
_NAME_SUFFIXES = ("name", "acronym", "title", "country", "signatory", "outcome", "kind", "place", "dossier")

# Methods of a string a template may call; the others are refused.
_STR_METHODS = frozenset(
    "capitalize casefold center count endswith expandtabs find format index isalnum isalpha isdecimal isdigit "
    "islower isnumeric isspace istitle isupper join ljust lower lstrip partition removeprefix removesuffix replace "
    "rfind rindex rjust rpartition rsplit rstrip split splitlines startswith strip swapcase title upper zfill "
    "striptags unescape".split()
)
# Filters' width and count arguments: (position after the value, keyword).
_FILTER_WIDTHS = {
    "center": ((0, "width"),),
    "indent": ((0, "width"),),
    "wordwrap": ((0, "width"),),
    "truncate": ((0, "length"), (3, "leeway")),
    "batch": ((0, "linecount"),),
    "slice": ((0, "slices"),),
    "tojson": ((0, "indent"),),
    "urlize": ((0, "trim_url_limit"),),
    "round": ((0, "precision"),),
}
# printf-style conversions: '%10s', '%-*d', '%(name)08.3f'
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d*))?")


def _too_wide(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and not -MAX_WIDTH <= value <= MAX_WIDTH


def _check_width(value):
    if _too_wide(value):
        raise RenderLimitExceeded(_("largeur ou nombre trop grand (au plus %(max)s).") % {"max": MAX_WIDTH})


def _check_size(size: int):
    if size > MAX_VALUE:
        raise RenderLimitExceeded(_("valeur trop longue (au plus %(max)s caractères).") % {"max": MAX_VALUE})


def _checked(value):
    if isinstance(value, (str, list, tuple)):
        _check_size(len(value))
    return value


def _check_digits(digits: str):
    if digits and (len(digits) > 6 or int(digits) > MAX_WIDTH):
        _check_width(MAX_WIDTH + 1)


def _check_percent_format(text: str):
    """'%999999999s' % x, '%.999999999f' and '%*s' (a width taken from the data)."""
    for match in _PERCENT_SPEC.finditer(text):
        for part in match.groups():
            if part == "*":
                raise RenderLimitExceeded(_("largeur prise dans les données (*) : interdite dans un modèle."))
            _check_digits(part or "")


def _check_brace_format(text: str):
    """'{:999999999}'.format(x) and '{:{w}}' (a width taken from the data)."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return  # the call itself will say what is wrong
    for _literal, _field, spec, _conversion in fields:
        if spec and "{" in spec:
            raise RenderLimitExceeded(_("largeur prise dans les données (*) : interdite dans un modèle."))
        for digits in re.findall(r"\d+", spec or ""):
            _check_digits(digits)


def _check_join(separator, items):
    if not isinstance(items, (list, tuple, str)):
        return  # a generator: its items are values already bounded, the result is checked
    size = 0
    for item in items:
        size += len(separator) + (len(item) if isinstance(item, str) else 20)
        _check_size(size)


def _check_replace(text: str, old, new, count=-1):
    if not (isinstance(old, str) and isinstance(new, str)):
        return
    hits = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    _check_size(len(text) + hits * max(0, len(new) - len(old)))


def _check_str_method(text: str, name: str, args: tuple, kwargs: dict):
    if name in ("center", "ljust", "rjust", "zfill"):
        _check_width(args[0] if args else kwargs.get("width"))
    elif name == "expandtabs":
        tabsize = args[0] if args else kwargs.get("tabsize", 8)
        _check_width(tabsize)
        if isinstance(tabsize, int):
            _check_size(len(text) + text.count("\t") * max(tabsize, 0))
    elif name == "replace" and len(args) >= 2:
        _check_replace(text, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count", -1))
    elif name == "join" and args:
        _check_join(text, args[0])
    elif name == "format":
        _check_brace_format(text)


def _limited_filter(name: str, func):
    """`func` with its widths and counts capped and its result's size checked."""
    offset = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0  # environment or context first
    widths = _FILTER_WIDTHS.get(name, ())

    @functools.wraps(func)
    def limited(*args, **kwargs):
        value = args[offset] if len(args) > offset else None
        rest = args[offset + 1 :]
        for position, keyword in widths:
            if len(rest) > position:
                _check_width(rest[position])
            if keyword in kwargs:
                _check_width(kwargs[keyword])
        if isinstance(value, str):
            if name == "format":
                _check_percent_format(value)
            elif name == "indent":
                width = rest[0] if rest else kwargs.get("width", 4)
                width = len(width) if isinstance(width, str) else width
                if isinstance(width, int):
                    _check_size(len(value) + (value.count("\n") + 1) * max(width, 0))
            elif name == "replace" and len(rest) >= 2:
                _check_replace(value, rest[0], rest[1], rest[2] if len(rest) > 2 else kwargs.get("count", -1))
        if name == "join":
            separator = rest[0] if rest else kwargs.get("d", "")
            _check_join(separator if isinstance(separator, str) else "", value)
        return _checked(func(*args, **kwargs))

    return limited


_limited_filter_cached = functools.lru_cache(maxsize=256)(_limited_filter)  # the same wrappers for every render


class _LetterCodeGenerator(CodeGenerator):
    """Jinja's code generator, with a turn counted at the top of every loop
    body and `~` concatenations checked for size."""

    def visit_For(self, node, frame):
        tick = nodes.Call(nodes.EnvironmentAttribute("letter_tick"), [], [], None, None, lineno=node.lineno)
        node.body = [nodes.ExprStmt(tick, lineno=node.lineno), *node.body]
        super().visit_For(node, frame)

    def visit_Concat(self, node, frame):
        self.write("environment.letter_sized(")
        super().visit_Concat(node, frame)
        self.write(")")


class _Rendered(Markup):
    """What a macro (or a recursive loop) rendered: its text is counted already."""

    __slots__ = ()


class LetterSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with a budget: one instance per render."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _LetterCodeGenerator

    def __init__(self, *args, **kwargs):
        super().__init__(*args, finalize=self._count_text, **kwargs)
        self.filters = {name: _limited_filter_cached(name, func) for name, func in self.filters.items()}
        self._iterations = self._calls = self._depth = self._text = 0

    # str methods: an allowed few, with their widths capped
    def is_safe_attribute(self, obj, attr, value):
        if not super().is_safe_attribute(obj, attr, value):
            return False
        return not (isinstance(obj, str) and callable(value) and attr not in _STR_METHODS)

    def call(self, context, obj, /, *args, **kwargs):
        self._calls += 1
        if self._calls > MAX_CALLS:
            raise RenderLimitExceeded(_("trop d'appels (au plus %(max)s).") % {"max": MAX_CALLS})
        owner, name = getattr(obj, "__self__", None), getattr(obj, "__name__", "")
        wrapped = getattr(obj, "__wrapped__", None)  # str.format, wrapped by the sandbox
        if isinstance(getattr(wrapped, "__self__", None), str):
            owner, name = wrapped.__self__, wrapped.__name__
        if isinstance(owner, str):
            _check_str_method(owner, name, args, kwargs)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise RenderLimitExceeded(_("appels imbriqués trop profonds (au plus %(max)s niveaux).") % {"max": MAX_DEPTH})
            result = super().call(context, obj, *args, **kwargs)
        finally:
            self._depth -= 1
        if isinstance(obj, (Macro, LoopContext)):
            # Rendered XML: bounded by the output cap, and its text was counted inside.
            return _Rendered(result) if isinstance(result, Markup) else result
        return _checked(result)

    def call_binop(self, context, operator, left, right):
        if operator == "**":
            raise SecurityError("the power operator is not available in letter templates")
        if operator == "*":
            for value, times in ((left, right), (right, left)):
                if isinstance(value, (str, list, tuple)) and isinstance(times, int) and len(value) * times > _MAX_REPEAT:
                    raise RenderLimitExceeded(_("répétition trop grande (au plus %(max)s caractères).") % {"max": _MAX_REPEAT})
        elif operator == "%" and isinstance(left, str):
            _check_percent_format(left)
        elif operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            _check_size(len(left) + len(right))
        return _checked(super().call_binop(context, operator, left, right))

    # hooks of the generated code
    def letter_tick(self):
        self._iterations += 1
        if self._iterations > MAX_ITERATIONS:
            raise RenderLimitExceeded(_("trop de tours de boucle (au plus %(max)s).") % {"max": MAX_ITERATIONS})

    def letter_sized(self, value):
        return _checked(value)

    def _count_text(self, value):
        if isinstance(value, _Rendered):
            return value
        if isinstance(value, (list, tuple, dict)):  # printed as its text
            value_text = str(value)
        else:
            value_text = value
        if isinstance(value_text, str):
            self._text += len(value_text)
            if self._text > MAX_TEXT:
                raise RenderLimitExceeded(_("texte trop long pour une lettre (au plus %(max)s caractères).") % {"max": MAX_TEXT})
        return value

    def concat(self, parts):
        # Joined first (the loop, call and text budgets bound what it can
        # hold, the helper's memory limit the rest), then measured.
        text = "".join(parts)
        if len(text) > MAX_OUTPUT:
            raise RenderLimitExceeded(_("document trop long (au plus %(max)s caractères).") % {"max": MAX_OUTPUT})
        return text


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
        render(content, variables)
    except RenderLimitExceeded as exc:
        raise TemplateRefused([_("Le modèle dépasse les limites d'une lettre : %(error)s") % {"error": exc}]) from exc
    except RenderFailed as exc:
        raise TemplateRefused([_("Le modèle ne s'exécute pas sur des données d'exemple : %(error)s") % {"error": exc}]) from exc
    try:
        render(content, _at_the_caps(variables))
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


def render(content: bytes, context: dict, *, logo_path: str = "") -> bytes:
    """The rendered .docx for `context` (plain data, already checked).

    Runs in a child process under a time and memory limit (settings
    RELAIS_LETTER_RENDER_SECONDS, RELAIS_LETTER_RENDER_MEMORY_MB) with the
    context's strings cut to what a letter needs. RenderLimitExceeded when
    the template asks for more than a letter needs; RenderFailed for the
    template's other faults.
    """
    context = _capped(dict(context))
    if not confined.available():
        return render_in_process(content, context, logo_path=logo_path)
    seconds, memory = _limits()
    try:
        return confined.run(
            _render_in_language, translation.get_language(), content, context, logo_path=logo_path, seconds=seconds, memory=memory
        )
    except confined.Exceeded as exc:
        if exc.what == "time":
            raise RenderLimitExceeded(_("le rendu a dépassé %(seconds)s secondes.") % {"seconds": f"{seconds:g}"}) from None
        raise RenderLimitExceeded(
            _("le rendu a dépassé la mémoire permise (%(megabytes)s Mo).") % {"megabytes": memory // (1024 * 1024)}
        ) from None
    except confined.Crashed as exc:
        raise RenderFailed(_("le rendu s'est arrêté sans réponse (%(error)s).") % {"error": exc}) from None


def _render_in_language(language, content: bytes, context: dict, *, logo_path: str = "") -> bytes:
    # In the helper process: its reasons in the caller's language.
    with translation.override(language):
        return render_in_process(content, context, logo_path=logo_path)


def render_in_process(content: bytes, context: dict, *, logo_path: str = "") -> bytes:
    """The render itself, in this process, with the sandbox's budget only
    (render() runs it in a child; benchmarks compare the two)."""
    template = _open(content)
    context = dict(context)
    if logo_path and isinstance(context.get("network"), dict):
        context["network"] = {**context["network"], "logo": InlineImage(template, logo_path, width=Mm(30))}
    try:
        template.render(context, jinja_env=sandbox(), autoescape=True)
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
