"""The secretariat changes a working group's members and lead."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.roles import Role
from approvals.access import grant, revoke
from approvals.refusals import Refused

from ..models import Document, WorkingGroup

SECRETARIAT_PERMISSION = "governance.change_workinggroup"


class GovernanceRefused(Refused):
    """A governance action that may not happen; nothing was changed."""


def _check_secretariat(by) -> None:
    if not by.has_perm(SECRETARIAT_PERMISSION):
        raise GovernanceRefused(_("Seul le secrétariat modifie les groupes de travail."), status=403)


def _locked(group_id: int) -> WorkingGroup:
    return WorkingGroup.objects.select_for_update().select_related("committee").get(pk=group_id)


def _sync_document_rights(group: WorkingGroup, user, *, member: bool) -> None:
    """Members view and change their group's open documents (the engine's pages read these rights)."""
    for document in Document.objects.filter(working_group=group):
        (grant if member else revoke)(user, document, "view", "change")


@transaction.atomic
def working_group_member_add(*, group_id: int, user, by) -> WorkingGroup:
    """Add `user` to the group; a group tied to a role gives them the role."""
    _check_secretariat(by)
    group = _locked(group_id)
    if not group.role and not (user.role_codes - {Role.APPLICANT}):
        raise GovernanceRefused(_("Un groupe de travail réunit des personnes du réseau : donnez d'abord un rôle à cette personne."))
    group.committee.members.add(user)
    if group.role:
        user.groups.add(Group.objects.get(name=group.role))
    _sync_document_rights(group, user, member=True)
    return group


@transaction.atomic
def working_group_member_remove(*, group_id: int, user, by) -> WorkingGroup:
    """Take `user` out of the group (and its role); a lead is replaced first."""
    _check_secretariat(by)
    group = _locked(group_id)
    if group.lead_id == user.pk:
        raise GovernanceRefused(_("Cette personne est référente du groupe : nommez d'abord un·e autre référent·e."))
    group.committee.members.remove(user)
    if group.role:
        user.groups.remove(*Group.objects.filter(name=group.role))
    _sync_document_rights(group, user, member=False)
    return group


@transaction.atomic
def working_group_lead_set(*, group_id: int, lead, term_start, term_end=None, by) -> WorkingGroup:
    """Name the group's one lead (référent·e) for a term; they must be a member."""
    _check_secretariat(by)
    group = _locked(group_id)
    if not group.is_member(lead):
        raise GovernanceRefused(_("Le ou la référent·e doit être membre du groupe."))
    if term_end is not None and term_end < term_start:
        raise GovernanceRefused(_("La fin du mandat doit suivre son début."))
    group.lead = lead
    group.lead_term_start = term_start
    group.lead_term_end = term_end
    group.save(update_fields=["lead", "lead_term_start", "lead_term_end"])
    return group
