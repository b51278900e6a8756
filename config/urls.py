from django.conf import settings
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from accounts import views as account_views

admin.site.site_header = f"{settings.RELAIS_NETWORK['name']} · Relais"
admin.site.site_title = "Relais"



def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the static one."""
    response = redirect(static("favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


urlpatterns = [
    path("", account_views.home, name="home"),
    path("favicon.ico", favicon, name="favicon"),
    path("compte/", include("accounts.urls")),
    path("", include("approvals.urls")),
    path("", include("approvals.letters.urls")),
    path("membres/", include("members.urls")),
    path("financements/", include("grants.urls")),
    path("urgence/", include("casework.urls")),
    path("gouvernance/", include("governance.urls")),
    path("indicateurs/", include("indicators.urls")),
    path("", include("api.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
]

handler404 = "api.problems.not_found"
