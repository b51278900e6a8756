from urllib.parse import urlencode

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language
from django_otp.plugins.otp_static.models import StaticDevice

from . import selectors, services
from .forms import PasswordResetForm, SecondFactorForm, SignInForm
from .home import home_sections


def safe_next(request, default: str | None = None) -> str:
    """The `next` of the request if it stays on this site, else the default page."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(default or settings.LOGIN_REDIRECT_URL)


def second_factor_url(next_url: str) -> str:
    return f"{reverse('accounts:second_factor')}?{urlencode({'next': next_url})}"


def home(request):
    """Signed in: "Ce qui m'attend". Anonymous: the front door (apply, ask
    for support, follow a request, verify a letter, sign in)."""
    if not request.user.is_authenticated:
        return render(request, "accounts/front_door.html")
    return render(request, "accounts/home.html", {"sections": home_sections(request)})


# --- Sign in, lock, sign out ------------------------------------------------------------


def locked_out(request, original_response=None, credentials=None):
    """django-axes lockout response (settings.AXES_LOCKOUT_CALLABLE): HTTP 429
    saying for how long the account is locked and what to do meanwhile."""
    username = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    minutes = selectors.sign_in_lock_minutes(request=request, username=username)
    response = render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
    add_never_cache_headers(response)
    return response


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        if user.needs_second_factor:
            # Straight to the code page: one round trip fewer on a slow line.
            return redirect(second_factor_url(self.get_success_url()))
        services.sign_in_attempts_reset(username=user.email)
        return response


def _lock(request, user):
    """The account just got (or already is) locked: end the half-open session."""
    email = user.email
    logout(request)
    return locked_out(request, credentials={settings.AXES_USERNAME_FORM_FIELD: email})


def second_factor_verified(request, device) -> None:
    """The second factor is verified: a new session key (so a key known
    before this step, e.g. planted by an attacker, is worth nothing), then
    the device is remembered in the session."""
    request.session.cycle_key()
    django_otp.login(request, device)


def _signed_in(request, device, next_url):
    second_factor_verified(request, device)
    services.sign_in_attempts_reset(username=request.user.email)
    if isinstance(device, StaticDevice):
        left = selectors.recovery_codes_left(request.user)
        messages.warning(
            request,
            ngettext(
                "Code de secours accepté. Il vous en reste %(count)s : générez-en de nouveaux si besoin.",
                "Code de secours accepté. Il vous en reste %(count)s : générez-en de nouveaux si besoin.",
                left,
            )
            % {"count": left},
        )
    return redirect(next_url)


@never_cache
def second_factor(request):
    """After the password: the authenticator code, or its set-up on first sign-in."""
    user = request.user
    if not user.is_authenticated:
        return redirect(f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': safe_next(request)})}")
    next_url = safe_next(request)
    if user.is_verified() or not user.needs_second_factor:
        return redirect(next_url)
    if selectors.sign_in_is_locked(request=request, username=user.email):
        return _lock(request, user)
    if selectors.user_has_totp(user):
        return _verify_code(request, user, next_url)
    return _enrol(request, user, next_url)


def _rejected(request, user, form, rejected):
    form.add_error("code", rejected.message)
    if not rejected.throttled and services.sign_in_failure_record(request=request, username=user.email):
        return _lock(request, user)
    return None


def _verify_code(request, user, next_url):
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.second_factor_verify(user=user, code=form.cleaned_data["code"])
        except services.SecondFactorRejected as rejected:
            if locked := _rejected(request, user, form, rejected):
                return locked
        else:
            return _signed_in(request, device, next_url)
    return render(request, "accounts/second_factor.html", {"form": form, "next": next_url})


def _enrol(request, user, next_url):
    device = services.totp_enrolment_start(user=user)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.totp_enrolment_confirm(user=user, code=form.cleaned_data["code"])
        except services.SecondFactorRejected as rejected:
            if locked := _rejected(request, user, form, rejected):
                return locked
        else:
            codes = services.recovery_codes_replace(user=user)
            second_factor_verified(request, device)
            services.sign_in_attempts_reset(username=user.email)
            # Shown in this response only: the codes are never displayed again.
            return render(
                request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url, "enrolled": True}
            )
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/enrol.html",
        {
            "form": form,
            "next": next_url,
            "secret": services.totp_secret_base32(device),
            "qr_svg": qr.svg_inline(scale=5, border=2, title=_("QR code à scanner avec l'application")),
        },
    )


@never_cache
@login_required
def recovery_codes(request):
    """Replace one's recovery codes (the old ones stop working)."""
    if not request.user.is_verified():
        # Only a fully signed-in person may mint codes that bypass the authenticator.
        return redirect(second_factor_url(request.get_full_path()))
    if request.method == "POST":
        codes = services.recovery_codes_replace(user=request.user)
        return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": resolve_url("home")})
    return render(request, "accounts/recovery_codes_new.html", {"left": selectors.recovery_codes_left(request.user)})


# --- Language --------------------------------------------------------------------------


@require_POST
def language(request):
    """Switch the interface language; a signed-in person keeps it on every device."""
    chosen = request.POST.get("language")
    if request.user.is_authenticated and chosen in dict(settings.LANGUAGES):
        services.user_language_set(user=request.user, language=chosen)
    return set_language(request)


# --- Password reset by email ----------------------------------------------------------------


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    form_class = PasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_email_context = {"network": settings.RELAIS_NETWORK}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # Resetting the password is one way out of a lock.
        services.sign_in_attempts_reset(username=form.user.email)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@never_cache
def demo_people(request):
    """The demo's "act as": every demo person, one click to become them
    (their second factor given for them). 404 outside the demo."""
    from . import demo

    if not demo.demo_enabled():
        raise Http404
    if request.method == "POST":
        try:
            user_id = int(request.POST.get("user", ""))
        except ValueError:
            user_id = 0
        user = demo.demo_act_as(request, user_id=user_id)
        messages.success(
            request,
            _("Vous agissez maintenant en tant que %(name)s (%(role)s).")
            % {"name": user.full_name or user.email, "role": ", ".join(str(role.label) for role in user.roles)},
        )
        return redirect("home")
    return render(request, "accounts/demo.html", {"people": selectors.demo_people_rows()})
