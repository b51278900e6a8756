from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Financements et projets communs")

    def ready(self):
        from accounts.home import register_section

        from . import home, notifications  # noqa: F401  (registers the notification messages)

        register_section(home.calls_to_watch)
        register_section(home.proposals_to_confirm)
