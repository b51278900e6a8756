from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Membres et adhésions")

    def ready(self):
        from accounts.home import register_section

        from . import home, notifications  # noqa: F401  (registers the messages)

        register_section(home.applications_to_screen)
        register_section(home.my_applications)
        register_section(home.references_to_confirm)
