from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Fonds d'urgence")

    def ready(self):
        from accounts.navigation import register_link
        from accounts.roles import Role

        register_link(
            "casework:cases",
            _("Fonds d'urgence"),
            roles={Role.EMERGENCY_MEMBER, Role.EMERGENCY_CHAIR, Role.CASE_OFFICER},
            order=40,
        )
        register_link("casework:referrals", _("Orientations"), roles={Role.MEMBER_FOCAL_POINT}, order=41)
        register_link(
            "casework:figures",
            _("Chiffres de l'urgence"),
            roles={Role.COPIL_MEMBER, Role.COPIL_CHAIR, Role.AUDITOR, Role.EMERGENCY_CHAIR},
            order=42,
        )
        # The secretariat sends the statements to donors (it sees no case).
        register_link("casework:statements", _("Relevés des fonds"), roles={Role.ADMINISTRATOR}, order=43)
        from accounts.home import register_section

        from . import checks, home, notifications  # noqa: F401  (system checks, notification texts)

        register_section(home.new_requests)
        register_section(home.cases_to_decide)
        register_section(home.my_cases)
        register_section(home.disbursements_to_confirm)
        register_section(home.assessments_requested)
        register_section(home.incidents_to_verify)
