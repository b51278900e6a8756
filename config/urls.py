from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from accounts import views as account_views

admin.site.site_header = f"{settings.RELAIS_NETWORK['name']} · Relais"
admin.site.site_title = "Relais"

urlpatterns = [
    path("", account_views.home, name="home"),
    path("compte/", include("accounts.urls")),
    path("", include("approvals.urls")),
    path("", include("approvals.letters.urls")),
    path("membres/", include("members.urls")),
    path("financements/", include("grants.urls")),
    path("urgence/", include("casework.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
]
