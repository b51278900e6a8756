from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApprovalsConfig(AppConfig):
    name = "approvals"
    verbose_name = _("Décisions et circuits de validation")

    def ready(self):
        from accounts.home import register_section

        from . import home, services  # noqa: F401  (services registers outbox handlers and notification texts)

        register_section(home.unread_messages)
        register_section(home.my_space)

        from accounts.navigation import register_link
        from accounts.roles import Role

        register_link("approvals:my_space", _("Mon espace"), roles={Role.APPLICANT, Role.MEMBER_FOCAL_POINT}, order=10)
        register_section(home.ballots_waiting)
        register_section(home.auditor_register)
        register_link(
            "approvals:register",
            _("Registre des décisions"),
            roles={Role.AUDITOR, Role.COPIL_MEMBER, Role.COPIL_CHAIR, Role.ADMINISTRATOR},
            order=60,
        )

        from .letters.setup import connect as connect_letters

        connect_letters()  # letters: outbox handlers (decision.recorded…) and the chair's home section
