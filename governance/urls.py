from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("groupes/", views.groups, name="groups"),
    path("groupes/<slug:slug>/", views.group_detail, name="group"),
    path("groupes/<slug:slug>/documents/nouveau/", views.document_new, name="document_new"),
    path("documents/", views.published, name="published"),
    path("documents/publics/", views.published_public, name="public"),
    path("documents/<str:reference>/", views.document_detail, name="document"),
    path("documents/<str:reference>/versions/", views.version_add, name="version_add"),
    path("documents/<str:reference>/versions/<int:number>/", views.version_download, name="version"),
    path("documents/<str:reference>/soumettre/", views.document_submit, name="submit"),
]
