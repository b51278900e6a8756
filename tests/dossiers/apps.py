from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "tests.dossiers"
    label = "dossiers"
