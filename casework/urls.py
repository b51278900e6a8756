from django.urls import path

from approvals.space.views import status_public

from .views import cases, incidents, money, public, reports, statements

app_name = "casework"

urlpatterns = [
    # No account needed.
    path("demande/", public.apply, name="apply"),
    # Status links handed out before intake moved onto the engine's links
    # (migration 0003): a bookmarked link answers with the same page.
    path("suivi/<str:reference>/<str:token>/", status_public, name="status_bookmark"),
    # Member organisations' focal points.
    path("orienter/", cases.refer, name="refer"),
    path("orientations/", cases.referrals, name="referrals"),
    path("orientations/<str:reference>/", cases.referral, name="referral"),
    # The emergency committee and case officers.
    path("cas/", cases.case_list, name="cases"),
    path("cas/<str:reference>/", cases.case_detail, name="case"),
    path("cas/<str:reference>/identite/", cases.case_identity, name="identity"),
    path("cas/<str:reference>/evaluation/", cases.case_assessment, name="assessment"),
    path("cas/<str:reference>/evaluation/demander/", cases.case_request_assessment, name="request_assessment"),
    path("cas/<str:reference>/affecter/", cases.case_assign, name="assign"),
    path("cas/<str:reference>/proposer/<slug:route>/", cases.case_propose, name="propose"),
    path("cas/<str:reference>/orienter-ailleurs/", cases.case_refer_elsewhere, name="refer_elsewhere"),
    path("cas/<str:reference>/documents/", cases.document_upload, name="document_upload"),
    path("cas/<str:reference>/documents/<int:pk>/", cases.document_download, name="document"),
    path("cas/<str:reference>/lettres/<int:pk>/", cases.letter_download, name="letter"),
    path("cas/<str:reference>/suivi/<int:pk>/", cases.wellbeing_record, name="wellbeing"),
    path("cas/<str:reference>/decaissements/nouveau/", money.disbursement_new, name="disbursement_new"),
    path("decaissements/<int:pk>/confirmer/", money.disbursement_confirm, name="disbursement_confirm"),
    path("decaissements/<int:pk>/refuser/", money.disbursement_refuse, name="disbursement_refuse"),
    path("fonds/", money.fund_list, name="funds"),
    path("fonds/<int:pk>/", money.fund_detail, name="fund"),
    path("incidents/", incidents.incident_list, name="incidents"),
    path("incidents/nouveau/", incidents.incident_new, name="incident_new"),
    path("incidents/<str:reference>/", incidents.incident_detail, name="incident"),
    path("incidents/<str:reference>/verifier/", incidents.incident_verify, name="incident_verify"),
    path("chiffres/", reports.figures, name="figures"),
    path("chiffres/export.csv", reports.export_csv, name="export"),
    path("releves/", statements.statements, name="statements"),
    path("journal/", reports.access_log, name="access_log"),
]
