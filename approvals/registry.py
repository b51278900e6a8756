"""How the engine finds dossier kinds and outbox handlers without importing
the domain apps: dossier kinds are the concrete subclasses of `Dossier`;
outbox handlers and notification texts are registered by whoever owns
them."""

from collections.abc import Callable

from django.apps import apps


def dossier_models() -> list[type]:
    """The concrete dossier kinds, found once the app registry is complete
    (it never changes afterwards; every request asks)."""
    global _dossier_models
    if _dossier_models is None or not apps.ready:
        from .models import Dossier

        found = tuple(model for model in apps.get_models() if issubclass(model, Dossier))
        if not apps.ready:
            return list(found)
        _dossier_models = found
    return list(_dossier_models)


_dossier_models: tuple[type, ...] | None = None


def dossier_model_for_prefix(prefix: str):
    for model in dossier_models():
        if model.reference_prefix == prefix:
            return model
    return None


def dossier_model_for_reference(reference: str):
    prefix = reference.split("-", 1)[0] if reference else ""
    return dossier_model_for_prefix(prefix)


def dossier_model_for_key(kind_key: str):
    for model in dossier_models():
        if model.kind_key() == kind_key:
            return model
    return None


_handlers: dict[str, Callable] = {}


def outbox_handler(topic: str):
    """Register the function that delivers outbox messages of `topic`.

    It receives (payload: dict, message: OutboxMessage) and must be safe to
    run twice for the same message (the relay delivers at least once).
    """

    def register(function):
        _handlers[topic] = function
        return function

    return register


def handler_for(topic: str):
    return _handlers.get(topic)
