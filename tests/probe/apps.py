from django.apps import AppConfig


class ProbeConfig(AppConfig):
    name = "tests.probe"
    label = "probe"
    verbose_name = "Test probe (test-only)"
    default_auto_field = "django.db.models.BigAutoField"
