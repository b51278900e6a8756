from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _


@login_required
def home(request):
    return render(request, "accounts/home.html", {"needs_me": []})


def locked_out(request, credentials, *args, **kwargs):
    return render(
        request,
        "accounts/login.html",
        {"form": None, "locked_out": True, "error": _("Compte verrouillé.")},
        status=429,
    )


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def second_factor(request):
    return render(request, "accounts/home.html", {"needs_me": []})
