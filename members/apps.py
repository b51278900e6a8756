from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Membres et adhésions")

    def ready(self):
        from accounts.navigation import register_link
        from accounts.roles import Role

        register_link("members:directory", _("Répertoire"), order=20)
        register_link(
            "members:applications",
            _("Adhésions"),
            roles={Role.MEMBERSHIP_GROUP, Role.COPIL_MEMBER, Role.COPIL_CHAIR, Role.ADMINISTRATOR},
            order=21,
        )
        from accounts.home import register_section

        from . import home, notifications  # noqa: F401  (registers the notification texts)

        register_section(home.applications_to_screen)
        register_section(home.my_applications)
        register_section(home.references_to_confirm)
