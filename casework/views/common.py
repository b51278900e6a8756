from django.shortcuts import render

from ..services.access_log import access_log_record, client_ip  # noqa: F401


def refused(request, error):
    """A service said no: the reason, with the status it asked for."""
    return render(request, "casework/refused.html", {"reason": error.reason}, status=error.status)


def no_store(response):
    """Pages about people at risk are never kept by a browser or a proxy.
    (The referrer policy stays the site's "same-origin": "no-referrer" would
    make browsers send "Origin: null" and fail every form's CSRF check.)"""
    response["Cache-Control"] = "no-store, private, max-age=0"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
