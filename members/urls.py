from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("adhesion/", views.apply, name="apply"),
    path("adhesion/<str:reference>/", views.application_detail, name="application"),
    path("adhesion/<str:reference>/informations/", views.application_request_information, name="request_information"),
    path("adhesion/<str:reference>/copil/", views.application_send_to_copil, name="send_to_copil"),
    path("adhesion/<str:reference>/rapprochement/", views.application_link, name="link"),
    path("adhesion/<str:reference>/documents/<int:pk>/", views.application_document, name="document"),
    path("demandes/", views.applications_list, name="applications"),
    path("references/", views.references, name="references"),
    path("references/<int:pk>/", views.reference_detail, name="reference"),
    path("repertoire/", views.directory, name="directory"),
    path("repertoire/export.csv", views.directory_csv, name="directory_csv"),
    path("repertoire/export.xlsx", views.directory_xlsx, name="directory_xlsx"),
    path("repertoire/<int:pk>/", views.organisation_detail, name="organisation"),
    path("repertoire/<int:pk>/cycle/", views.organisation_lifecycle, name="lifecycle"),
]
