from django.shortcuts import render

from ..services.access_log import access_log_record, client_ip  # noqa: F401


def refused(request, error):
    """A service said no: the reason, with the status it asked for."""
    return render(request, "casework/refused.html", {"reason": error.reason}, status=error.status)


def no_store(response):
    """Pages about people at risk are never kept by a browser or a proxy."""
    response["Cache-Control"] = "no-store, private, max-age=0"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
