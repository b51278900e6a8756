from django.urls import include, path

from .views import elections

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

urlpatterns: list = [
    path("elections/", include(election_patterns)),
]
