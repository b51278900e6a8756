from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("", views.index, name="index"),
    path("export/tout.xlsx", views.export_all, name="export_all"),
    path("export/<slug:key>.<slug:fmt>", views.export_table, name="export"),
]
