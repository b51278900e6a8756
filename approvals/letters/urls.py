from django.urls import path

from . import meeting_votes, views

app_name = "letters"

urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("lettres/<int:pk>/<str:fmt>/", views.letter_download, name="download"),
    path("lettres/decisions/", views.letter_decisions, name="decisions"),
    path("lettres/lots/<int:pk>/", views.letter_batch, name="batch"),
    path("lettres/modeles/<int:pk>/", views.template_download, name="template"),
    path("dossiers/<str:reference>/lettres/", views.dossier_letters, name="dossier_letters"),
    path("reunions/", views.meetings, name="meetings"),
    path("reunions/nouvelle/", views.meeting_new, name="meeting_new"),
    path("reunions/<int:pk>/", views.meeting_detail, name="meeting"),
    path("reunions/<int:pk>/presences/", views.meeting_record, name="meeting_record"),
    path("reunions/<int:pk>/ordre-du-jour/", views.meeting_agenda_refresh, name="meeting_agenda"),
    path("reunions/<int:pk>/proces-verbal/", views.meeting_minutes, name="meeting_minutes"),
    path("reunions/<int:pk>/scrutins/<int:ballot_pk>/", meeting_votes.meeting_ballot, name="meeting_ballot"),
    path(
        "reunions/<int:pk>/scrutins/<int:ballot_pk>/confirmer/",
        meeting_votes.meeting_ballot_confirm,
        name="meeting_ballot_confirm",
    ),
]
