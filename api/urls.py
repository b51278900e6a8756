from django.contrib.auth.decorators import login_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import pages, views

app_name = "api"

urlpatterns = [
    path("api/v1/dossiers/", views.DossierList.as_view(), name="dossiers"),
    path("api/v1/dossiers/<str:reference>/", views.DossierDetail.as_view(), name="dossier"),
    path("api/v1/dossiers/<str:reference>/transitions/<str:transition>/", views.DossierTransition.as_view(), name="transition"),
    path("api/v1/dossiers/<str:reference>/messages/", views.DossierMessages.as_view(), name="messages"),
    path("api/v1/dossiers/<str:reference>/letters/", views.DossierLetters.as_view(), name="letters"),
    path("api/v1/letters/<int:pk>/<str:fmt>/", views.LetterFile.as_view(), name="letter_file"),
    path("api/v1/ballots/", views.BallotList.as_view(), name="ballots"),
    path("api/v1/ballots/<int:pk>/vote/", views.BallotVote.as_view(), name="vote"),
    path("api/v1/directory/", views.Directory.as_view(), name="directory"),
    path("api/v1/opportunities/", views.Opportunities.as_view(), name="opportunities"),
    path("api/v1/schema/", login_required(SpectacularAPIView.as_view()), name="schema"),
    path("api/v1/docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"),
    path("compte/jetons/", pages.tokens, name="tokens"),
    path("compte/jetons/<int:pk>/revoquer/", pages.token_revoke_view, name="token_revoke"),
]
