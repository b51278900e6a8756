"""The directory: entries made by approved applications, and the member
lifecycle (each step decided by a COPIL ballot)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from approvals.access import grant
from approvals.models import Ballot
from approvals.services import ballot_open, dossier_create, perform, record_event

from .. import permissions
from ..models import MembershipApplication, Organisation
from .applications import ORGANISATION_FIELDS
from .common import MembersError, copil

def _add_focal_points(organisation, user_ids):
    User = get_user_model()
    users = list(User.objects.filter(pk__in=user_ids, is_active=True))
    organisation.focal_points.add(*users)
    group = Group.objects.get(name=Role.MEMBER_FOCAL_POINT)
    for user in users:
        user.groups.add(group)
        grant(user, organisation, "view")


def organisation_from_application(*, application: MembershipApplication, decision=None) -> Organisation:
    """Approval: create the directory entry, or update and reactivate the
    one the applicant already had; the applicant's people become its focal points."""
    data = {name: getattr(application, name) for name in ORGANISATION_FIELDS}
    organisation = application.organisation
    if organisation is None and application.registration_number:
        organisation = Organisation.objects.filter(
            country=application.country, registration_number=application.registration_number
        ).first()
    where = decision.reference if decision is not None else application.reference
    comment = _("Adhésion approuvée : demande %(application)s, décision %(decision)s.") % {
        "application": application.reference, "decision": where,
    }
    if organisation is None:
        organisation = dossier_create(
            Organisation, by=None, owner=application.owner, grant_owner=("view",),
            joined_on=timezone.localdate(), **data,
        )
        record_event(organisation, comment=comment)
    else:
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        clash = (
            Organisation.objects.filter(country=data["country"], registration_number=data["registration_number"])
            .exclude(pk=organisation.pk)
            .exists()
        )
        if not data["registration_number"] or clash:
            # Never trade a known number for none, nor take another member's.
            for name in ("registration_number", "registration_date", "registration_authority"):
                data.pop(name)
        for name, value in data.items():
            setattr(organisation, name, value)
        if organisation.joined_on is None or organisation.state != Organisation.State.ACTIVE:
            organisation.joined_on = timezone.localdate()
        organisation.save(update_fields=[*data.keys(), "joined_on", "updated_at"])
        if organisation.state != Organisation.State.ACTIVE:
            perform(organisation, "reactivate", by=None, system=True, comment=comment)
        else:
            record_event(organisation, comment=comment)
    organisation.domains.set(application.domains.all())
    organisation.target_groups.set(application.target_groups.all())
    _add_focal_points(organisation, application.applicant_user_ids())
    application.organisation = organisation
    application.save(update_fields=["organisation"])
    return organisation


# --- Member lifecycle (each step by a COPIL ballot) ----------------------------------------


def organisation_transitioned(*, organisation: Organisation, entry) -> None:
    """(Handed here by the hook `Organisation.transitioned`.) A member that leaves the network (withdrawn, excluded) no longer makes
    its focal points members: they keep the role only through another member."""
    if entry.to_state not in (Organisation.State.WITHDRAWN, Organisation.State.EXCLUDED):
        return
    group = Group.objects.get(name=Role.MEMBER_FOCAL_POINT)
    for user in organisation.focal_points.all():
        still_member = Organisation.objects.in_network().filter(focal_points=user).exclude(pk=organisation.pk).exists()
        if not still_member:
            user.groups.remove(group)


def lifecycle_question(organisation, action: str) -> str:
    questions = {
        "suspend": _("Suspendre l'organisation membre %(name)s (%(reference)s) ?"),
        "reinstate": _("Lever la suspension de %(name)s (%(reference)s) ?"),
        "withdraw": _("Prendre acte du retrait de %(name)s (%(reference)s) du réseau ?"),
        "exclude": _("Exclure %(name)s (%(reference)s) du réseau ?"),
    }
    return questions[action] % {"name": organisation.display_name, "reference": organisation.reference}


@transaction.atomic
def organisation_lifecycle_propose(*, organisation_id: int, by, action: str, reason: str) -> Ballot:
    """Put a lifecycle step (suspend, reinstate, withdraw, exclude) to a COPIL
    ballot; approved, it moves the organisation by itself."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation_id)
    if action not in permissions.LIFECYCLE_ACTIONS:
        raise MembersError(_("Action inconnue."), status=400)
    if action not in permissions.lifecycle_actions(organisation, by):
        if permissions.may_manage_directory(by):
            raise MembersError(
                _("Impossible depuis le statut « %(state)s ».") % {"state": organisation.get_state_display()}
            )
        raise MembersError(_("Vous n'avez pas le droit de proposer ce changement."), status=403)
    reason = (reason or "").strip()
    if not reason:
        raise MembersError(_("Indiquez le motif : il sera lu par le COPIL."), status=400)
    record_event(organisation, by=by, comment=reason)
    return ballot_open(
        dossier=organisation,
        committee=copil(),
        question=lifecycle_question(organisation, action)[:300],
        decision_transitions={"approve": action},
    )
