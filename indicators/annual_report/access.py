"""Who makes the annual report: the COPIL's chair and the secretariat."""

from accounts.roles import Role


def may_make_annual_report(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_role(Role.COPIL_CHAIR, Role.ADMINISTRATOR)
