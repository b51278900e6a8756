"""Every error in one format, RFC 9457 problem details
(`application/problem+json`): {type, title, status, detail}, `detail`
being the same reason a person reads on the web page."""

import json

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import page_not_found
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from approvals.refusals import STATUSES, Refused

TITLES = {
    400: gettext_lazy("Requête incorrecte"),
    401: gettext_lazy("Authentification requise"),
    403: gettext_lazy("Accès refusé"),
    404: gettext_lazy("Introuvable"),
    405: gettext_lazy("Méthode non permise"),
    406: gettext_lazy("Format non disponible"),
    409: gettext_lazy("Impossible dans cet état"),
    413: gettext_lazy("Trop volumineux"),
    415: gettext_lazy("Type de contenu non pris en charge"),
    429: gettext_lazy("Trop de requêtes"),
}


class ProblemSerializer(serializers.Serializer):
    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)


def problem(status_code: int, detail, *, errors=None, headers=None) -> Response:
    body = {
        "type": "about:blank",
        "title": str(TITLES.get(status_code, _("Erreur"))),
        "status": status_code,
        "detail": str(detail),
    }
    if errors:
        body["errors"] = errors
    response = Response(body, status=status_code, headers=headers, content_type="application/problem+json")
    response["Cache-Control"] = "no-store, private, max-age=0"
    return response


def _flatten(detail) -> dict:
    if isinstance(detail, dict):
        return {str(k): [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in detail.items()}
    if isinstance(detail, list):
        return {"non_field_errors": [str(m) for m in detail]}
    return {}


def handle(exc, context):
    if isinstance(exc, Refused):
        code = exc.status if exc.status in STATUSES else 409
        return problem(code, exc.reason)
    if isinstance(exc, Http404):
        return problem(404, _("Ce que vous demandez n'existe pas, ou ne vous est pas accessible."))
    if isinstance(exc, PermissionDenied):
        return problem(403, str(exc) or _("Vous n'avez pas accès à cette ressource."))
    if isinstance(exc, exceptions.ValidationError):
        return problem(400, _("Certaines valeurs ne conviennent pas."), errors=_flatten(exc.detail))
    response = exception_handler(exc, context)
    if response is None:
        return None  # a bug: a 500, logged by Django without the request's body
    headers = {k: v for k, v in response.items() if k in ("Retry-After", "WWW-Authenticate", "Allow")}
    detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
    if isinstance(exc, exceptions.Throttled):
        detail = _("Trop de requêtes avec ce jeton : réessayez dans %(seconds)d secondes.") % {"seconds": int(exc.wait or 1)}
    return problem(response.status_code, detail if isinstance(detail, str) else _("Requête refusée."), headers=headers)


def add_problem_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation documents the
    problem responses it may give."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = {
        "type": "object",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        },
    }
    ref = {"$ref": "#/components/schemas/Problem"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            codes = [400, 401, 403, 404, 405, 406, 409, 415, 429] if method != "get" else [400, 401, 403, 404, 405, 406, 429]
            for code in codes:
                responses.setdefault(str(code), {"description": str(TITLES[code]), "content": {"application/problem+json": {"schema": ref}}})
    return result


__all__ = ["ProblemSerializer", "add_problem_responses", "handle", "problem", "status"]


def not_found(request, exception=None):
    """Django's 404 for a path no URL pattern matches: under /api/, a
    problem, like every other API error; elsewhere, the site's page."""
    if request.path.startswith("/api/"):
        body = {"type": "about:blank", "title": str(TITLES[404]), "status": 404, "detail": _("Cette adresse n'existe pas dans l'API.")}
        return HttpResponse(json.dumps(body), status=404, content_type="application/problem+json")
    return page_not_found(request, exception)
