"""Find every POST form the pages of the matrix's world show: its action,
its fields (name, kind, the values offered) and who was shown it."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit


@dataclass
class FormField:
    name: str
    kind: str  # text, number, date, email, hidden, checkbox, radio, file, select, textarea, ...
    value: str = ""
    options: list = field(default_factory=list)
    multiple: bool = False


@dataclass
class Form:
    action: str
    page: str
    principal: str
    fields: dict = field(default_factory=dict)

    @property
    def key(self):
        return (self.action, tuple(sorted(self.fields)))


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.current = None
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                self.current = {"action": a.get("action", ""), "fields": {}}
            return
        if self.current is None or not a.get("name"):
            if tag == "option" and self.select is not None:
                self.select.options.append(a.get("value", ""))
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                existing = self.current["fields"].get(name)
                if existing is None:
                    self.current["fields"][name] = FormField(name, "submit", a.get("value", ""), [a.get("value", "")])
                else:
                    existing.options.append(a.get("value", ""))
                return
            existing = self.current["fields"].get(name)
            if existing is not None and kind in ("checkbox", "radio"):
                existing.options.append(a.get("value", "on"))
                existing.multiple = existing.multiple or kind == "checkbox"
                return
            self.current["fields"][name] = FormField(name, kind, a.get("value", ""), [a.get("value", "on")] if kind in ("checkbox", "radio") else [])
        elif tag == "select":
            self.select = FormField(name, "select", multiple="multiple" in a)
            self.current["fields"][name] = self.select
        elif tag == "textarea":
            self.current["fields"][name] = FormField(name, "textarea")
        elif tag == "button" and a.get("type", "submit") == "submit":
            self.current["fields"].setdefault(name, FormField(name, "submit", a.get("value", ""), []))
            self.current["fields"][name].options.append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form" and self.current is not None:
            self.forms.append(self.current)
            self.current = None
        elif tag == "select":
            self.select = None


def forms_in(html: str, page: str, principal: str) -> list[Form]:
    parser = _Parser()
    parser.feed(html)
    out = []
    for raw in parser.forms:
        action = raw["action"] or page
        action = urlsplit(action).path or page
        fields = {name: f for name, f in raw["fields"].items() if name != "csrfmiddlewaretoken"}
        out.append(Form(action=action, page=page, principal=principal, fields=fields))
    return out
