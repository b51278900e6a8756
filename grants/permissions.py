"""Who may do what in grants, as plain predicates.

Role-level rights are model permissions of the role groups (granted in
migration 0002); rights on one proposal are guardian object permissions
(`approvals.access.grant`): the lead's focal points may change it, the
partners' focal points may view it and change their own part only.
"""

from approvals.access import can, perm_name


def may_handle(user, dossier) -> bool:
    """Internal comments and ballots on a call or a proposal: for those who may
    change it or who see every dossier of its kind through a role. Unlike an
    applicant's dossier, whoever opened it (a fundraiser) is one of them."""
    return can(user, "change", dossier) or user.has_perm(perm_name(type(dossier), "view"))


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


def organisations_editable_by(user, proposal) -> list:
    """Organisations whose budget lines and documents this user may add: all of
    them for whoever edits the proposal, else the partners they are focal point of."""
    organisations = [proposal.lead_organisation, *[p.organisation for p in proposal.partners.all()]]
    if may_edit_proposal(proposal, user):
        return organisations
    return [o for o in organisations if o.pk != proposal.lead_organisation_id and is_focal_point(user, o.pk)]


# --- which buttons a page shows: decided here, templates test membership only ----------


def opportunity_actions(user, opportunity) -> frozenset[str]:
    """A call's own buttons (the engine's page adds its transitions):
    "edit", "assess" while spotted or in assessment, "propose" once pursued."""
    if not may_manage_opportunities(user):
        return frozenset()
    actions = {"edit"}
    if opportunity.state in opportunity.ASSESSABLE_STATES:
        actions.add("assess")
    if opportunity.state == opportunity.State.PURSUING and may_create_proposals(user):
        actions.add("propose")
    return frozenset(actions)


def proposal_actions(user, proposal, *, organisations=None) -> frozenset[str]:
    """A proposal's own buttons: "edit" (its details), "add_partner",
    "edit_logframe" while its content may change and the user edits it;
    "add_budget_line" and "add_document" for whoever holds an organisation's part."""
    if organisations is None:
        organisations = organisations_editable_by(user, proposal)
    actions = set()
    if proposal.is_editable and may_edit_proposal(proposal, user):
        actions |= {"edit", "add_partner", "edit_logframe"}
    if organisations and proposal.is_editable:
        actions.add("add_budget_line")
    if organisations and proposal.state not in proposal.CLOSED_STATES:
        actions.add("add_document")
    return frozenset(actions)


def partner_actions(user, proposal, partner, *, proposal_actions: frozenset[str]) -> frozenset[str]:
    """A partner row's buttons: "confirm" for the partner itself until the COPIL
    is asked; "edit" its part and "remove" it while the content may change."""
    actions = set()
    if proposal.state in proposal.CONFIRMABLE_STATES and not partner.is_confirmed and may_confirm_partner(user, partner):
        actions.add("confirm")
    if proposal.is_editable and may_edit_partner_part(user, partner):
        actions.add("edit")
    if "add_partner" in proposal_actions:
        actions.add("remove")
    return frozenset(actions)


def budget_line_actions(user, proposal, line) -> frozenset[str]:
    if proposal.is_editable and may_edit_budget_line(user, proposal, line.organisation_id):
        return frozenset({"edit"})
    return frozenset()


# --- grant agreements: the fundraising group and the lead manage; partners see their own part ---


def sees_every_agreement(user) -> bool:
    """The fundraising group, the COPIL, auditors and the secretariat read every agreement."""
    return user.is_authenticated and user.has_perm("grants.view_grantagreement")


def is_agreement_lead(user, agreement) -> bool:
    return is_focal_point(user, agreement.proposal.lead_organisation_id)


def may_manage_agreement(user, agreement) -> bool:
    """Complete the agreement, record tranches and transfers: the fundraising
    group and the lead's focal points."""
    return user.is_authenticated and (user.has_perm("grants.change_grantagreement") or is_agreement_lead(user, agreement))


def may_confirm_transfer(user, transfer) -> bool:
    """A second person: whoever may confirm transfers (or the lead), never
    whoever recorded it."""
    agreement = transfer.agreement
    allowed = user.has_perm("grants.confirm_partnertransfer") or is_agreement_lead(user, agreement)
    return user.is_authenticated and allowed and transfer.requested_by_id != user.pk


def agreement_scope(user, agreement) -> frozenset[int] | None:
    """Which partners' shares and transfers the user sees on one agreement:
    None for all of them, else the ids of the partner organisations the user
    is focal point of (an empty set: the agreement is not theirs)."""
    if sees_every_agreement(user) or may_manage_agreement(user, agreement):
        return None
    if not user.is_authenticated:
        return frozenset()
    mine = set(user.organisations.values_list("pk", flat=True))
    return frozenset(mine & set(agreement.shares.values_list("organisation_id", flat=True)))


def agreement_actions(user, agreement) -> frozenset[str]:
    """The agreement page's buttons: "edit", "tranche", "transfer" for whoever
    manages it while it is open."""
    if agreement.state == agreement.State.CLOSED or not may_manage_agreement(user, agreement):
        return frozenset()
    return frozenset({"edit", "tranche", "transfer"})


def transfer_actions(user, transfer) -> frozenset[str]:
    """A transfer's buttons: "confirm"/"refuse" for a second person while it
    waits; "acknowledge" for the partner once confirmed."""
    actions = set()
    if transfer.state == transfer.State.AWAITING_CONFIRMATION and may_confirm_transfer(user, transfer):
        actions |= {"confirm", "refuse"}
    if (
        transfer.state == transfer.State.CONFIRMED
        and transfer.receipt_acknowledged_at is None
        and is_focal_point(user, transfer.share.organisation_id)
    ):
        actions.add("acknowledge")
    return frozenset(actions)
