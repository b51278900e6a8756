"""Who sees and does what with an agreement's expenses, results and reports.

- the fundraising group and the lead organisation's focal points: everything,
  and they act (the lead's focal point approves reports and validates results);
- the COPIL, the secretariat and auditors: read everything;
- a partner's focal points: their own organisation's expenses, results and
  reports only, and they enter their own;
- anyone else: the agreement does not exist for them (404).
"""

from dataclasses import dataclass

from django.http import Http404

from accounts.roles import Role

from .permissions import is_focal_point

READ_ALL_ROLES = (Role.COPIL_MEMBER, Role.COPIL_CHAIR, Role.AUDITOR, Role.ADMINISTRATOR)


@dataclass(frozen=True)
class Scope:
    """What one person sees of one agreement."""

    sees_all: bool
    manages: bool  # fundraising group or the lead's focal point
    is_lead: bool
    organisation_ids: frozenset  # organisations the person acts for (enters expenses and results)

    def sees(self, organisation_id) -> bool:
        return self.sees_all or organisation_id in self.organisation_ids


def organisations_of(agreement) -> list:
    proposal = agreement.proposal
    return [proposal.lead_organisation, *[p.organisation for p in proposal.partners.select_related("organisation")]]


def scope_for(user, agreement) -> Scope | None:
    if not user.is_authenticated or not user.is_active:
        return None
    proposal = agreement.proposal
    all_ids = {o.pk for o in organisations_of(agreement)}
    mine = set(user.organisations.filter(pk__in=all_ids).values_list("pk", flat=True))
    is_lead = proposal.lead_organisation_id in mine
    fundraiser = user.is_superuser or user.has_role(Role.FUNDRAISING_GROUP)
    if fundraiser or is_lead:
        return Scope(sees_all=True, manages=True, is_lead=is_lead, organisation_ids=frozenset(all_ids))
    if user.has_role(*READ_ALL_ROLES):
        return Scope(sees_all=True, manages=False, is_lead=False, organisation_ids=frozenset(mine))
    if mine:
        return Scope(sees_all=False, manages=False, is_lead=False, organisation_ids=frozenset(mine))
    return None


def require_scope(user, agreement) -> Scope:
    scope = scope_for(user, agreement)
    if scope is None:
        raise Http404
    return scope


def may_approve_report(user, report) -> bool:
    """Only a focal point of the lead organisation approves a report."""
    return is_focal_point(user, report.agreement.proposal.lead_organisation_id)


def may_close_agreement(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_role(Role.FUNDRAISING_GROUP))


def report_actions(user, scope: Scope, report) -> frozenset[str]:
    """"edit" (generate, upload a version) for the managers and the report's
    organisation; "approve" for the lead's focal point once a version exists;
    "submit" once approved."""
    actions = set()
    if report.state == report.State.SUBMITTED:
        return frozenset()
    if scope.manages or (report.organisation_id and report.organisation_id in scope.organisation_ids):
        actions.add("edit")
    if report.state == report.State.DRAFT and may_approve_report(user, report):
        actions.add("approve")
    if report.state == report.State.APPROVED and scope.manages:
        actions.add("submit")
    return frozenset(actions)
