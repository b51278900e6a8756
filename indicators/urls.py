from django.urls import path

from .annual_report.views import annual_report

app_name = "indicators"

urlpatterns: list = [
    path("rapport-annuel/", annual_report, name="annual_report"),
]
