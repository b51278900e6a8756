"""The messages box on a dossier's pages (engine and domain pages alike)."""

from django import template

from ..space import selectors

register = template.Library()


@register.inclusion_tag("approvals/space/_messages_box.html", takes_context=True)
def dossier_messages_box(context, dossier):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or dossier is None or not getattr(dossier, "pk", None):
        return {"show": False}
    side = selectors.messages_side(user, dossier)
    if side is None:
        return {"show": False}
    found = dossier
    thread = list(selectors.messages_of(found).order_by("-created_at", "-id")[:10])
    thread.reverse()
    return {"show": True, "dossier": found, "thread": thread, "side": side, "csrf_token": context.get("csrf_token")}
