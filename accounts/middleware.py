from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext


class UserLanguageMiddleware:
    """A signed-in user's preferred language wins over the browser's.

    Runs after LocaleMiddleware and AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.preferred_language:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)


class SecondFactorRequiredMiddleware:
    """Users whose role requires a second factor reach nothing but the
    second-factor pages (and sign-out, language, password reset) until they
    have verified one."""

    allowed_prefixes = ("/i18n/", "/static/", "/jsi18n/", "/verifier/", "/verify/", "/favicon.ico")
    # Named, not by prefix: any other page under /compte/ (such as replacing
    # one's recovery codes) needs the second factor too.
    allowed_views = frozenset(
        {
            "accounts:login",
            "accounts:logout",
            "accounts:second_factor",
            "accounts:language",
            # The demo's "act as" page (404 outside the demo): switching person
            # is allowed before finishing the second factor of another.
            "accounts:demo",
            "accounts:password_reset",
            "accounts:password_reset_done",
            "accounts:password_reset_confirm",
            "accounts:password_reset_complete",
        }
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.needs_second_factor
            and not user.is_verified()
            and not self.is_allowed(request)
        ):
            return redirect(f"{reverse('accounts:second_factor')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def is_allowed(self, request) -> bool:
        if request.path.startswith(self.allowed_prefixes):
            return True
        try:
            return resolve(request.path_info).view_name in self.allowed_views
        except Resolver404:
            return False


class NulBytesRefusedMiddleware:
    """A request whose query string or form fields hold a NUL byte is refused
    with a 400 before any view: no one types one, and PostgreSQL cannot store
    one in a text column (a view reading a raw field would answer a 500).

    Runs after CsrfViewMiddleware, which has already read the form of a POST
    (so upload handlers are no more constrained than they were); a view that
    is exempt from CSRF has its query string checked only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        sources = [request.GET]
        if request.method == "POST" and not getattr(view_func, "csrf_exempt", False):
            sources.append(request.POST)
        for source in sources:
            for key, values in source.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    from approvals.refusals import Refused, refusal_response

                    reason = gettext(
                        "Votre envoi contient un caractère invisible (octet nul) qui ne peut pas être enregistré. "
                        "Retirez-le (en retapant le texte plutôt qu'en le collant), puis envoyez à nouveau."
                    )
                    return refusal_response(request, Refused(reason, status=400))
        return None
