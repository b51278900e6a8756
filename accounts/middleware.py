from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation


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
    second-factor pages (and sign-out) until they have verified one."""

    allowed_prefixes = ("/compte/", "/i18n/", "/static/", "/jsi18n/", "/verifier/", "/verify/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.needs_second_factor
            and not user.is_verified()
            and not request.path.startswith(self.allowed_prefixes)
        ):
            return redirect(f"{reverse('accounts:second_factor')}?next={request.get_full_path()}")
        return self.get_response(request)
