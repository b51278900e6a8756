from django.urls import path

from .plan import views as plan

app_name = "indicators"

urlpatterns: list = [
    path("plan/", plan.plan, name="plan"),
    path("plan/preuves/<int:pk>/", plan.evidence, name="plan_evidence"),
    path("plan/<slug:code>/", plan.plan_indicator, name="plan_indicator"),
]
