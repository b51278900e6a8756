"""Every URL pattern of the project, from the resolver, as (name, route, converters)."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Pattern:
    name: str  # "namespace:name", or the route itself when unnamed
    route: str  # e.g. "urgence/cas/<str:reference>/"
    callback: object
    default_kwargs: tuple

    def __str__(self):
        return self.name


def _route(pattern) -> str:
    return str(pattern.pattern)


def walk(patterns=None, prefix="", namespace=""):
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from walk(entry.url_patterns, prefix + _route(entry), ns)
        elif isinstance(entry, URLPattern):
            route = prefix + _route(entry)
            name = f"{namespace}{entry.name}" if entry.name else route
            yield Pattern(name=name, route=route, callback=entry.callback, default_kwargs=tuple(sorted(entry.default_args.items())))


def all_patterns() -> list[Pattern]:
    return list(walk())
