from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Gouvernance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.home import register_section
        from accounts.navigation import register_link

        from . import handlers, home  # noqa: F401  (registers the outbox handlers and the home probe)
        from .permissions import NETWORK_ROLES

        register_link("governance:elections", _("Élections"), roles=NETWORK_ROLES, order=60)
        register_section(home.elections_to_vote)
