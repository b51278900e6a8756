"""Who may do what in grants, as plain predicates.

Role-level rights are model permissions of the role groups (granted in
migration 0002); rights on one proposal are guardian object permissions
(`approvals.access.grant`): the lead's focal points may change it, the
partners' focal points may view it and change their own part only.
"""

from approvals.access import can


def may_manage_funders(user) -> bool:
    return user.is_authenticated and user.has_perm("grants.change_funder")


def may_record_rates(user) -> bool:
    return user.is_authenticated and user.has_perm("grants.add_exchangerate")


def may_manage_opportunities(user) -> bool:
    return user.is_authenticated and user.has_perm("grants.change_opportunity")


def may_import_opportunities(user) -> bool:
    return user.is_authenticated and user.has_perm("grants.import_opportunity")


def may_create_proposals(user) -> bool:
    return user.is_authenticated and user.has_perm("grants.add_jointproposal")


def is_focal_point(user, organisation_id: int) -> bool:
    return user.is_authenticated and user.organisations.filter(pk=organisation_id).exists()


def may_edit_proposal(proposal, user) -> bool:
    """The whole proposal: the fundraising group and the lead's focal points,
    whoever they are today (one named after the proposal was created too).
    (Signature (instance, user): also a django-fsm transition permission.)"""
    return can(user, "change", proposal) or is_focal_point(user, proposal.lead_organisation_id)


def may_edit_partner_part(user, partner) -> bool:
    """A partner's row and budget lines: whoever edits the proposal, and the
    partner's own focal points."""
    return may_edit_proposal(partner.proposal, user) or is_focal_point(user, partner.organisation_id)


def may_edit_budget_line(user, proposal, organisation_id: int) -> bool:
    return may_edit_proposal(proposal, user) or (
        organisation_id != proposal.lead_organisation_id
        and proposal.partners.filter(organisation_id=organisation_id).exists()
        and is_focal_point(user, organisation_id)
    )


def may_confirm_partner(user, partner) -> bool:
    """Only the partner itself confirms its participation."""
    return is_focal_point(user, partner.organisation_id)
