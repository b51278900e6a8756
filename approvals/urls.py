from django.urls import path

from . import views
from .space import views as space_views

app_name = "approvals"

urlpatterns = [
    path("dossiers/<str:reference>/", views.dossier_detail, name="dossier"),
    path("dossiers/<str:reference>/agir/<str:transition>/", views.dossier_transition, name="transition"),
    path("dossiers/<str:reference>/scrutin/<slug:committee>/", views.ballot_new, name="ballot_new"),
    path("scrutins/", views.my_ballots, name="my_ballots"),
    path("scrutins/<int:pk>/", views.ballot_detail, name="ballot"),
    path("scrutins/<int:pk>/voter/", views.ballot_vote, name="vote"),
    path("scrutins/<int:pk>/conflit/", views.ballot_conflict, name="conflict"),
    path("scrutins/<int:pk>/clore/", views.ballot_close, name="ballot_close"),
    path("scrutins/<int:pk>/echeance/", views.ballot_lapse, name="ballot_lapse"),
    path("boite/", views.inbox, name="inbox"),
    path("boite/lu/", views.inbox_read, name="inbox_read_all"),
    path("boite/<int:pk>/lu/", views.inbox_read, name="inbox_read"),
    path("mon-espace/", space_views.my_space, name="my_space"),
    path("dossiers/<str:reference>/messages/", space_views.dossier_messages, name="messages"),
    path("dossiers/<str:reference>/lien-de-suivi/", space_views.status_link, name="status_link"),
    path("suivi/", space_views.status_lookup, name="status_lookup"),
    path("suivi/<str:reference>/<str:token>/", space_views.status_public, name="status_public"),
    path("registre/", views.decision_register, name="register"),
    path("registre/export.csv", views.decision_register_export, {"fmt": "csv"}, name="register_csv"),
    path("registre/export.xlsx", views.decision_register_export, {"fmt": "xlsx"}, name="register_xlsx"),
    path("aide/circuits/", views.workflow_help, name="workflows"),
    path("aide/circuits/<str:kind>.svg", views.workflow_svg, name="workflow_svg"),
]
