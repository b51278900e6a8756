from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Fonds d'urgence")

    def ready(self):
        from accounts.home import register_section

        from . import checks, home, messages  # noqa: F401  (system checks, notification messages)

        register_section(home.cases_to_decide)
        register_section(home.my_cases)
        register_section(home.disbursements_to_confirm)
