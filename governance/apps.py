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
        from approvals.letters.permissions import register_meeting_audience
        from approvals.letters.services import register_minutes_hook

        from . import handlers, home  # noqa: F401  (registers the outbox handlers and the home probes)
        from .minutes import plenary_minutes
        from .permissions import NETWORK_ROLES
        from .services.meetings import in_plenary_audience

        register_meeting_audience(in_plenary_audience)
        register_minutes_hook(plenary_minutes)

        network = set(Role.values) - {Role.APPLICANT}
        register_link("governance:groups", _("Groupes de travail"), roles=network, order=40)
        register_link("governance:published", _("Documents adoptés"), roles=network, order=41)
        register_link(
            "governance:meetings",
            _("Réunions et assemblées"),
            roles={Role.MEMBER_FOCAL_POINT, Role.COPIL_MEMBER, Role.COPIL_CHAIR, Role.ADMINISTRATOR},
            order=55,
        )
        register_link("governance:elections", _("Élections"), roles=NETWORK_ROLES, order=62)
        register_section(home.group_documents)
        register_section(home.elections_to_vote)
