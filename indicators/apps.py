from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicateurs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.navigation import register_link
        from accounts.roles import Role

        from .plan import builtin_sources  # noqa: F401  (registers Relais' computed sources)
        from .plan.access import PLAN_ROLES

        register_link("indicators:plan", _("Plan d'action"), roles=PLAN_ROLES, order=60)
