"""The Jinja sandbox letters render in: Jinja's immutable sandbox with a budget.

Nor may a template ask for more than a letter needs, whoever chose the data
(an applicant chooses their own name): widths and counts are capped, every
value made and the text written are measured, loops and calls have a budget
and recursion a depth. approvals.letters.rendering runs it (in a helper
process under a time and memory limit, confined.py).
"""

import functools
import re
import string

from django.utils.translation import gettext as _
from jinja2 import StrictUndefined, nodes
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

# A template may repeat text, not build megabytes out of a few characters.
_MAX_REPEAT = 10_000


class RenderFailed(Exception):
    """A letter could not be rendered from its template and context."""


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

    def __init__(self, *args, max_text: int = MAX_TEXT, **kwargs):
        super().__init__(*args, finalize=self._count_text, **kwargs)
        self.max_text = max_text
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
            if self._text > self.max_text:
                raise RenderLimitExceeded(_("texte trop long pour une lettre (au plus %(max)s caractères).") % {"max": self.max_text})
        return value

    def concat(self, parts):
        # Joined first (the loop, call and text budgets bound what it can
        # hold, the helper's memory limit the rest), then measured.
        text = "".join(parts)
        if len(text) > MAX_OUTPUT:
            raise RenderLimitExceeded(_("document trop long (au plus %(max)s caractères).") % {"max": MAX_OUTPUT})
        return text


def sandbox(*, max_text: int = MAX_TEXT) -> LetterSandbox:
    """`max_text`: the text budget of the document's kind (a report is longer than a letter)."""
    env = LetterSandbox(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True, max_text=max_text)
    env.globals.clear()  # no range(), lipsum(), cycler(): data only
    return env
