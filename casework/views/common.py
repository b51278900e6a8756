from ..services.access_log import access_log_record, client_ip  # noqa: F401

# A service's refusal (CaseworkRefused, TransitionRefused) is not caught here:
# approvals.refusals.RefusalMiddleware answers it with its status and reason.


def no_store(response):
    """Pages about people at risk are never kept by a browser or a proxy.
    (The referrer policy stays the site's "same-origin": "no-referrer" would
    make browsers send "Origin: null" and fail every form's CSRF check.)"""
    response["Cache-Control"] = "no-store, private, max-age=0"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
