from django.urls import include, path

from . import views
from .views import assembly, elections, meetings

app_name = "governance"

election_patterns = [
    path("", elections.election_list, name="elections"),
    path("nouvelle/", elections.election_new, name="election_new"),
    path("<int:pk>/", elections.election_detail, name="election"),
    path("<int:pk>/candidature/", elections.candidacy_new, name="candidacy_new"),
    path("<int:pk>/voter/", elections.vote, name="vote"),
    path("<int:pk>/ouvrir/", elections.election_open, name="election_open"),
    path("<int:pk>/depouiller/", elections.election_close, name="election_close"),
    path("<int:pk>/proces-verbal/", elections.election_minutes, name="election_minutes"),
    path("<int:pk>/proces-verbal.docx", elections.election_minutes_download, name="election_minutes_download"),
]

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
    path("reunions/", meetings.meetings, name="meetings"),
    path("reunions/<int:pk>/", meetings.meeting, name="meeting"),
    path("reunions/<int:pk>/invitations/", meetings.meeting_invite, name="meeting_invite"),
    path("reunions/<int:pk>/presences/", meetings.meeting_attendance, name="meeting_attendance"),
    path("reunions/<int:pk>/points/", meetings.meeting_item_add, name="meeting_item_add"),
    path("reunions/<int:pk>/points/<int:item_pk>/decision/", meetings.meeting_item_decide, name="meeting_item_decide"),
    path("assemblee/", assembly.assemblies, name="assemblies"),
    path("assemblee/nouvelle/", assembly.assembly_new, name="assembly_new"),
    path("assemblee/<int:pk>/", assembly.assembly, name="assembly"),
    path("assemblee/<int:pk>/procuration/", assembly.assembly_proxy, name="assembly_proxy"),
    path("assemblee/<int:pk>/resolutions/", assembly.assembly_resolution_add, name="resolution_add"),
    path("assemblee/resolutions/<int:pk>/ouvrir/", assembly.resolution_start, name="resolution_open"),
    path("assemblee/resolutions/<int:pk>/clore/", assembly.resolution_end, name="resolution_close"),
    path("assemblee/resolutions/<int:pk>/voter/", assembly.resolution_cast, name="resolution_vote"),
    path("elections/", include(election_patterns)),
]
