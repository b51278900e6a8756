"""Who may see and run elections: plain predicates."""

from accounts.roles import Role

# Everyone of the network sees elections and their results; an applicant
# (an organisation not yet a member) does not.
NETWORK_ROLES = frozenset(Role.values) - {Role.APPLICANT}


def may_see_elections(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or bool(user.role_codes & NETWORK_ROLES)


def may_manage_election(user, committee) -> bool:
    """The committee's chair and the secretariat organise its elections
    (rules, opening and closing the vote, the procès-verbal)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or committee.chair_id == user.pk or user.has_role(Role.ADMINISTRATOR)


def may_manage_elections(user) -> bool:
    """May create an election for some committee (its chair, the secretariat)."""
    from approvals.models import Committee

    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_role(Role.ADMINISTRATOR) or Committee.objects.filter(chair=user).exists()


def may_open_assembly(user, meeting) -> bool:
    """Whether an assembly's page opens for `user`: whoever is in its
    meeting's audience or may see the meeting (the letters' one rule)."""
    from approvals.letters import permissions as letter_permissions

    return letter_permissions.in_meeting_audience(user, meeting) or letter_permissions.may_see_meeting(user, meeting)
