from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Gouvernance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.home import register_section
        from accounts.navigation import register_link
        from accounts.roles import Role

        from . import home

        network = set(Role.values) - {Role.APPLICANT}
        register_link("governance:groups", _("Groupes de travail"), roles=network, order=40)
        register_link("governance:published", _("Documents adoptés"), roles=network, order=41)
        register_section(home.group_documents)
