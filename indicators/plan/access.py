"""Who sees the action plan's progress, and who enters a value."""

from accounts.roles import Role

# The COPIL steers, the secretariat reports, auditors check; the working
# groups and the emergency chair enter the values they are responsible for.
PLAN_ROLES = frozenset(
    {
        Role.COPIL_MEMBER,
        Role.COPIL_CHAIR,
        Role.ADMINISTRATOR,
        Role.AUDITOR,
        Role.MEMBERSHIP_GROUP,
        Role.FUNDRAISING_GROUP,
        Role.EMERGENCY_CHAIR,
    }
)


def may_see_plan(user) -> bool:
    return user.has_perm("indicators.view_plan")


def may_enter_value(user, indicator) -> bool:
    """The indicator's responsible group, for an indicator entered by hand."""
    if indicator.is_computed or not indicator.is_active or not may_see_plan(user):
        return False
    return user.is_superuser or user.has_role(indicator.responsible_role)
