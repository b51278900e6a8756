"""Who may do what in the emergency fund, as plain predicates.

Services check them before they write; pages ask `case_actions` which
buttons and forms to offer, so a template only tests membership
(`{% if "fast_track" in actions %}`), never a state. (Who may resume a case
put on hold is a transition's own permission: casework.models.case_rules.)
"""

from accounts.roles import Role
from approvals.access import can
from approvals.services import available_transitions


def may_see_case(user, case) -> bool:
    return can(user, "view", case)


def may_change_case(user, case) -> bool:
    """The assigned officer, the committee's chair (and whoever holds change_case)."""
    return can(user, "change", case)


def may_decide_cases(user) -> bool:
    """The chair: assign officers, fast-track critical cases, revise a
    proposal, refer a case to another fund."""
    return user.has_perm("casework.decide_case")


def may_assess(user, case) -> bool:
    """Whoever may change the case, or a country focal point asked for it (once)."""
    return may_change_case(user, case) or can(user, "assess", case)


def may_confirm_disbursements(user) -> bool:
    return user.has_perm("casework.confirm_disbursement")


def may_refer_cases(user) -> bool:
    """A member organisation's focal point refers defenders to the fund."""
    return user.has_perm("casework.add_case")


def may_follow_status(user, case) -> bool:
    """The referrer follows a case's public state; whoever sees the case may too."""
    return can(user, "view_status", case) or may_see_case(user, case)


def may_handle_incident_in(user, country: str) -> bool:
    """Focal points work on their own country; the committee and officers on all."""
    if user.has_role(Role.EMERGENCY_MEMBER, Role.EMERGENCY_CHAIR, Role.CASE_OFFICER):
        return True
    return user.has_role(Role.COUNTRY_FOCAL_POINT) and user.country == country


def may_record_incident(user, country: str) -> bool:
    return user.has_perm("casework.add_incident") and may_handle_incident_in(user, country)


def may_change_incident(user, incident) -> bool:
    return user.has_perm("casework.change_incident") and may_handle_incident_in(user, incident.country)


def may_verify_incident(user, incident) -> bool:
    return user.has_perm("casework.verify_incident") and may_handle_incident_in(user, incident.country)


def is_assessable(case) -> bool:
    """The risk is assessed before the decision."""
    return case.state in type(case).PRE_DECISION


def is_disbursable(case) -> bool:
    """Tranches are paid once approved, until follow-up starts."""
    return case.state in type(case).DISBURSABLE and case.approved_amount is not None


def case_actions(user, case) -> frozenset[str]:
    """What `user` may do to `case` now: the transitions they may fire
    (approvals' available_transitions: source state, permission, conditions),
    and the case page's other forms, each under its rule."""
    actions = set(available_transitions(case, user, generic=False))
    changes = may_change_case(user, case)
    if changes:
        actions |= {"request_assessment", "add_document", "record_wellbeing"}
        if is_disbursable(case):
            actions.add("request_disbursement")
    if is_assessable(case) and (changes or can(user, "assess", case)):
        actions.add("assess")
    if may_decide_cases(user):
        actions.add("assign")
    if may_confirm_disbursements(user):
        actions.add("confirm_disbursement")
    return frozenset(actions)
