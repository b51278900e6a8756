from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Financements et projets communs")

    def ready(self):
        from accounts.navigation import register_link
        from accounts.roles import Role

        register_link(
            "grants:board",
            _("Financements"),
            roles={Role.FUNDRAISING_GROUP, Role.COPIL_MEMBER, Role.COPIL_CHAIR, Role.ADMINISTRATOR},
            order=30,
        )
        register_link(
            "grants:proposals",
            _("Projets communs"),
            roles={Role.FUNDRAISING_GROUP, Role.MEMBER_FOCAL_POINT, Role.COPIL_CHAIR, Role.COPIL_MEMBER, Role.AUDITOR},
            order=31,
        )
        from accounts.home import register_section

        from . import home, notifications, report_home, report_notifications  # noqa: F401  (registers the notification texts)

        register_section(home.calls_to_watch)
        register_section(home.opportunities_to_assess)
        register_section(home.proposals_to_confirm)
        register_section(home.grant_agreements)
        register_section(report_home.reports_due)
