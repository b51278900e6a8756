"""Links of the main navigation, contributed by the apps.

An app registers its links once, in its AppConfig.ready():

    register_link("members:directory", _("Répertoire"), roles=None)      # everyone signed in
    register_link("grants:board", _("Financements"), roles={Role.FUNDRAISING_GROUP, Role.COPIL_MEMBER})

A link shows to a signed-in person who holds one of `roles` (all signed-in
people when `roles` is None). Links lead to pages that check rights
themselves: a link is a convenience, never a permission.
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Link:
    url_name: str
    label: str
    roles: frozenset | None
    order: int


_links: list[Link] = []


def register_link(url_name: str, label, *, roles=None, order: int = 50) -> None:
    link = Link(url_name, label, frozenset(roles) if roles is not None else None, order)
    if all(existing.url_name != url_name for existing in _links):
        _links.append(link)
        _links.sort(key=lambda item: item.order)


def links_for(user, current_path: str) -> list[dict]:
    codes = user.role_codes
    shown = []
    for link in _links:
        if link.roles is not None and not (codes & link.roles) and not user.is_superuser:
            continue
        url = reverse(link.url_name)
        shown.append({"url": url, "label": link.label, "current": current_path.startswith(url) and url != "/"})
    return shown
