from django.urls import path

from . import views
from .annual_report.views import annual_report
from .plan import views as plan

app_name = "indicators"

urlpatterns = [
    path("", views.index, name="index"),
    path("export/tout.xlsx", views.export_all, name="export_all"),
    path("export/<slug:key>.<slug:fmt>", views.export_table, name="export"),
    path("rapport-annuel/", annual_report, name="annual_report"),
    path("plan/", plan.plan, name="plan"),
    path("plan/preuves/<int:pk>/", plan.evidence, name="plan_evidence"),
    path("plan/<slug:code>/", plan.plan_indicator, name="plan_indicator"),
]
