"""Pages of an agreement's expenses, results, reports and closing (in the grants namespace)."""

from django.urls import path

from .views import donor_reports as reports
from .views import grant_reports as spending

A = "accords/<int:pk>/"

urlpatterns = [
    path(A + "depenses/", spending.agreement_expenses, name="agreement-expenses"),
    path(A + "depenses/import/", spending.agreement_expense_import, name="agreement-expense-import"),
    path(A + "depenses/import/<int:sheet_pk>/", spending.agreement_expense_sheet, name="agreement-expense-sheet"),
    path(A + "resultats/", spending.agreement_results, name="agreement-results"),
    path(A + "resultats/periodes/", spending.agreement_result_period, name="agreement-result-period"),
    path(A + "resultats/<int:result_pk>/valider/", spending.agreement_result_validate, name="agreement-result-validate"),
    path(A + "rapports/", reports.agreement_reports, name="agreement-reports"),
    path(A + "rapports/<int:report_pk>/", reports.agreement_report, name="agreement-report"),
    path(A + "rapports/<int:report_pk>/generer/", reports.agreement_report_generate, name="agreement-report-generate"),
    path(A + "rapports/<int:report_pk>/approuver/", reports.agreement_report_approve, name="agreement-report-approve"),
    path(A + "rapports/<int:report_pk>/remettre/", reports.agreement_report_submit, name="agreement-report-submit"),
    path(A + "rapports/<int:report_pk>/versions/<int:version_pk>/", reports.agreement_report_version, name="agreement-report-version"),
    path(A + "cloture/", reports.agreement_close, name="agreement-close"),
]
