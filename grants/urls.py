from django.urls import path

from . import views

app_name = "grants"

urlpatterns = [
    path("", views.board, name="board"),
    path("opportunites/nouvelle/", views.opportunity_new, name="opportunity_new"),
    path("opportunites/<str:reference>/", views.opportunity_detail, name="opportunity"),
    path("opportunites/<str:reference>/modifier/", views.opportunity_edit, name="opportunity_edit"),
    path("opportunites/<str:reference>/evaluer/", views.opportunity_assess, name="opportunity_assess"),
    path("import/", views.sheet_upload, name="sheet_upload"),
    path("import/<int:pk>/", views.sheet_detail, name="sheet"),
    path("bailleurs/", views.funders, name="funders"),
    path("bailleurs/nouveau/", views.funder_new, name="funder_new"),
    path("bailleurs/par-theme/", views.funder_matrix, {"by": "theme"}, name="funders_by_theme"),
    path("bailleurs/par-pays/", views.funder_matrix, {"by": "country"}, name="funders_by_country"),
    path("bailleurs/<int:pk>/", views.funder_detail, name="funder"),
    path("bailleurs/<int:pk>/modifier/", views.funder_edit, name="funder_edit"),
    path("bailleurs/<int:pk>/contacts/", views.funder_contact_add, name="funder_contact_add"),
    path("bailleurs/<int:pk>/contacts/<int:contact_pk>/retirer/", views.funder_contact_remove, name="funder_contact_remove"),
    path("bailleurs/<int:pk>/historique/", views.funder_event_add, name="funder_event_add"),
    path("taux/", views.rates, name="rates"),
    path("propositions/", views.proposals, name="proposals"),
    path("propositions/nouvelle/", views.proposal_new, name="proposal_new"),
    path("propositions/<str:reference>/", views.proposal_detail, name="proposal"),
    path("propositions/<str:reference>/modifier/", views.proposal_edit, name="proposal_edit"),
    path("propositions/<str:reference>/partenaires/", views.partner_add, name="partner_add"),
    path("propositions/<str:reference>/partenaires/<int:pk>/", views.partner_edit, name="partner_edit"),
    path("propositions/<str:reference>/partenaires/<int:pk>/confirmer/", views.partner_confirm, name="partner_confirm"),
    path("propositions/<str:reference>/partenaires/<int:pk>/retirer/", views.partner_remove, name="partner_remove"),
    path("propositions/<str:reference>/budget/", views.budget_add, name="budget_add"),
    path("propositions/<str:reference>/budget/<int:pk>/", views.budget_edit, name="budget_edit"),
    path("propositions/<str:reference>/budget/<int:pk>/supprimer/", views.budget_delete, name="budget_delete"),
    path("propositions/<str:reference>/cadre-logique/", views.logframe_add, name="logframe_add"),
    path("propositions/<str:reference>/cadre-logique/<int:pk>/supprimer/", views.logframe_delete, name="logframe_delete"),
    path("propositions/<str:reference>/documents/", views.document_add, name="document_add"),
    path("propositions/<str:reference>/documents/<int:pk>/", views.document_download, name="document"),
    path("accords/", views.agreements, name="agreements"),
    path("accords/<int:pk>/", views.agreement_detail, name="agreement"),
    path("accords/<int:pk>/modifier/", views.agreement_edit, name="agreement_edit"),
    path("accords/<int:pk>/accord-signe/", views.agreement_document, name="agreement_document"),
    path("accords/<int:pk>/tranches/nouvelle/", views.tranche_new, name="tranche_new"),
    path("accords/<int:pk>/tranches/reception/", views.tranche_receive, name="tranche_receive"),
    path("accords/<int:pk>/transferts/nouveau/", views.transfer_new, name="transfer_new"),
    path("accords/<int:pk>/transferts/<int:transfer_pk>/confirmer/", views.transfer_confirm, name="transfer_confirm"),
    path("accords/<int:pk>/transferts/<int:transfer_pk>/refuser/", views.transfer_refuse, name="transfer_refuse"),
    path("accords/<int:pk>/transferts/<int:transfer_pk>/reception/", views.transfer_acknowledge, name="transfer_acknowledge"),
    path("accords/<int:pk>/transferts/<int:transfer_pk>/preuve/", views.transfer_proof, name="transfer_proof"),
]

# After the award: expenses, results, reports to the donor, closing.
from .report_urls import urlpatterns as _report_urlpatterns  # noqa: E402

urlpatterns += _report_urlpatterns
