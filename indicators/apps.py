from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicateurs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.home import register_section
        from accounts.navigation import register_link

        from .access import READERS
        from .annual_report.home import annual_report_section
        from .plan import builtin_sources  # noqa: F401  (registers Relais' computed sources)
        from .plan.access import PLAN_ROLES

        register_link("indicators:index", _("Indicateurs"), roles=READERS, order=60)
        register_link("indicators:plan", _("Plan d'action"), roles=PLAN_ROLES, order=61)
        register_section(annual_report_section)
