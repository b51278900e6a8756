"""The General Assembly: delegates and proxies, resolutions voted one
organisation, one vote.

In good standing: a member organisation whose membership is active
(members.Organisation.State.ACTIVE). The directory keeps no dues, so a
suspended, withdrawn or excluded organisation is not in good standing and
does not vote; it may still attend as an observer.

Who votes for an organisation: the delegate it named for this assembly
(a proxy, recorded with who named whom and when), else its focal point
(the earliest named, when it has several). The vote is cast by that person,
recorded present for the organisation; the database keeps one vote per
resolution and organisation (a unique constraint), so two submissions at
once end with one vote and one refusal.

Lock order: the resolution, then its votes.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals import tallies
from approvals.letters.permissions import may_run_meetings
from approvals.models import Choice, Meeting
from approvals.refusals import Refused
from members.models import Organisation

from ..models import Assembly, Delegation, MeetingAttendance, Resolution, ResolutionVote

RESOLUTION_CHOICES = (Choice.APPROVE, Choice.REJECT, Choice.ABSTAIN)


class GovernanceError(Refused):
    """A governance action that may not happen; nothing was changed."""


# --- who votes --------------------------------------------------------------------------------


def in_good_standing(organisation) -> bool:
    return organisation.state == Organisation.State.ACTIVE


def voting_organisations(assembly):
    """The member organisations that vote at this assembly: those in good standing."""
    return Organisation.objects.active().order_by("name")


def delegate_for(assembly, organisation):
    """The person who votes for `organisation` at `assembly`: the delegate
    or proxy it named, else its first focal point; None if it has neither.
    Whether the organisation may vote at all is `voting_organisations`."""
    delegation = Delegation.objects.filter(assembly=assembly, organisation=organisation).select_related("delegate").first()
    if delegation is not None:
        return delegation.delegate
    return organisation.focal_points.order_by("pk").first()


def may_run_assembly(user, assembly) -> bool:
    """The chair of the committee that convened it, or whoever holds governance.change_assembly."""
    return may_run_meetings(user, assembly.meeting.committee) or user.has_perm("governance.change_assembly")


# --- the assembly and its delegates -----------------------------------------------------------


@transaction.atomic
def assembly_create(*, by, committee, title: str, starts_at, time_zone: str, duration_minutes: int = 180,
                    place: str = "", link: str = "", quorum_percent: int = 50) -> Assembly:
    """A General Assembly, convened by the committee's chair: its meeting
    (kind General Assembly) and its voting rules."""
    from approvals.letters.services import meeting_create

    meeting = meeting_create(
        by=by, committee=committee, title=title, kind=Meeting.Kind.GENERAL_ASSEMBLY, starts_at=starts_at,
        time_zone=time_zone, duration_minutes=duration_minutes, place=place, link=link,
    )
    return Assembly.objects.create(meeting=meeting, quorum_percent=quorum_percent, created_by=by)


@transaction.atomic
def assembly_proxy_name(*, assembly_id: int, organisation_id: int, proxy_id: int, by) -> Delegation:
    """An organisation names who votes for it at the assembly (a proxy when
    that person is not one of its focal points). Named by one of its focal
    points, or recorded by the assembly's chair; naming again replaces the
    delegate and records the new naming."""
    assembly = Assembly.objects.select_related("meeting__committee").get(pk=assembly_id)
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise GovernanceError(_("Organisation inconnue."), status=404)
    is_focal_point = organisation.focal_points.filter(pk=by.pk).exists()
    if not (is_focal_point or may_run_assembly(by, assembly)):
        raise GovernanceError(_("Seuls les points focaux de l'organisation désignent son ou sa mandataire."), status=403)
    if not in_good_standing(organisation):
        raise GovernanceError(_("Cette organisation n'est pas à jour de son adhésion : elle ne vote pas à l'assemblée."))
    if assembly.resolutions.filter(status=Resolution.Status.OPEN, votes__organisation=organisation).exists():
        raise GovernanceError(_("L'organisation a déjà voté sur la résolution en cours : son mandat ne change pas pendant ce vote."))
    proxy = get_user_model().objects.filter(pk=proxy_id, is_active=True).first()
    if proxy is None:
        raise GovernanceError(_("La personne désignée n'a pas de compte actif dans Relais."), status=400)
    is_proxy = not organisation.focal_points.filter(pk=proxy.pk).exists()
    delegation, _created = Delegation.objects.select_for_update().update_or_create(
        assembly=assembly,
        organisation=organisation,
        defaults={"delegate": proxy, "is_proxy": is_proxy, "named_by": by, "named_at": timezone.now()},
    )
    # A representative already noted present for the organisation no longer holds its vote.
    MeetingAttendance.objects.filter(
        meeting=assembly.meeting, organisation=organisation, capacity__in=MeetingAttendance.VOTING_CAPACITIES
    ).exclude(person=proxy).delete()
    return delegation


# --- resolutions ----------------------------------------------------------------------------------


@transaction.atomic
def resolution_add(*, assembly_id: int, by, title: str, text: str = "", threshold: str = "simple_majority") -> Resolution:
    assembly = Assembly.objects.select_for_update().select_related("meeting__committee").get(pk=assembly_id)
    if not may_run_assembly(by, assembly):
        raise GovernanceError(_("Seule la présidence de l'assemblée propose les résolutions."), status=403)
    number = (assembly.resolutions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return Resolution.objects.create(assembly=assembly, number=number, title=title.strip(), text=text, threshold=threshold)


def _lock_resolution(resolution_id: int) -> Resolution:
    resolution = Resolution.objects.select_for_update().filter(pk=resolution_id).first()
    if resolution is None:
        raise GovernanceError(_("Résolution inconnue."), status=404)
    return resolution


@transaction.atomic
def resolution_open(*, resolution_id: int, by) -> Resolution:
    resolution = _lock_resolution(resolution_id)
    assembly = Assembly.objects.select_related("meeting__committee").get(pk=resolution.assembly_id)
    if not may_run_assembly(by, assembly):
        raise GovernanceError(_("Seule la présidence de l'assemblée ouvre le vote."), status=403)
    if resolution.status != Resolution.Status.DRAFT:
        raise GovernanceError(_("Le vote sur cette résolution est déjà ouvert ou clos."))
    resolution.status = Resolution.Status.OPEN
    resolution.opened_at = timezone.now()
    resolution.save(update_fields=["status", "opened_at"])
    return resolution


def _represented(assembly, organisation, person) -> bool:
    return MeetingAttendance.objects.filter(
        meeting_id=assembly.meeting_id, organisation=organisation, person=person,
        capacity__in=MeetingAttendance.VOTING_CAPACITIES,
    ).exists()


@transaction.atomic
def resolution_vote(*, resolution_id: int, by, organisation_id: int, choice: str) -> ResolutionVote:
    """The delegate of `organisation_id`, present, casts its one vote."""
    resolution = _lock_resolution(resolution_id)
    assembly = Assembly.objects.select_related("meeting").get(pk=resolution.assembly_id)
    if choice not in RESOLUTION_CHOICES:
        raise GovernanceError(_("Choix de vote inconnu."), status=400)
    if resolution.status != Resolution.Status.OPEN:
        raise GovernanceError(_("Le vote sur cette résolution n'est pas ouvert."))
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise GovernanceError(_("Organisation inconnue."), status=404)
    if not in_good_standing(organisation):
        raise GovernanceError(_("Cette organisation n'est pas à jour de son adhésion : elle ne vote pas."), status=403)
    if MeetingAttendance.objects.filter(
        meeting_id=assembly.meeting_id, person=by, capacity=MeetingAttendance.Capacity.OBSERVER
    ).exists() and not _represented(assembly, organisation, by):
        raise GovernanceError(_("Les observateurs et observatrices assistent sans droit de vote."), status=403)
    delegate = delegate_for(assembly, organisation)
    if delegate is None or delegate.pk != by.pk:
        raise GovernanceError(_("Seul·e le ou la délégué·e de l'organisation vote pour elle."), status=403)
    if not _represented(assembly, organisation, by):
        raise GovernanceError(_("Le ou la délégué·e doit être noté·e présent·e pour voter."), status=403)
    if ResolutionVote.objects.filter(resolution=resolution, organisation=organisation).exists():
        raise GovernanceError(_("Cette organisation a déjà voté sur cette résolution : une organisation, une voix."))
    try:
        with transaction.atomic():
            return ResolutionVote.objects.create(resolution=resolution, organisation=organisation, cast_by=by, choice=choice)
    except IntegrityError:
        raise GovernanceError(_("Cette organisation a déjà voté sur cette résolution : une organisation, une voix.")) from None


def resolution_counts(resolution) -> dict:
    choices = list(resolution.votes.values_list("choice", flat=True))
    counts = tallies.Counts.of(choices)
    return {"approve": counts.approve, "reject": counts.reject, "abstain": counts.abstain, "cast": counts.cast}


@transaction.atomic
def resolution_close(*, resolution_id: int, by) -> Resolution:
    """Close the vote: adopted or rejected under the resolution's majority,
    over the organisations in good standing, with the assembly's quorum."""
    resolution = _lock_resolution(resolution_id)
    assembly = Assembly.objects.select_related("meeting__committee").get(pk=resolution.assembly_id)
    if not may_run_assembly(by, assembly):
        raise GovernanceError(_("Seule la présidence de l'assemblée clôt le vote."), status=403)
    if resolution.status != Resolution.Status.OPEN:
        raise GovernanceError(_("Le vote sur cette résolution n'est pas ouvert."))
    choices = list(resolution.votes.values_list("choice", flat=True))
    eligible = voting_organisations(assembly).count()
    result = tallies.outcome(
        tallies.Counts.of(choices), eligible=eligible, threshold=resolution.threshold, quorum_percent=assembly.quorum_percent
    )
    if result is None:
        resolution.outcome = Resolution.Outcome.NO_QUORUM
    elif result == tallies.Outcome.APPROVED:
        resolution.outcome = Resolution.Outcome.ADOPTED
    else:
        resolution.outcome = Resolution.Outcome.REJECTED
    resolution.counts = {**resolution_counts(resolution), "eligible": eligible}
    resolution.status = Resolution.Status.CLOSED
    resolution.closed_at = timezone.now()
    resolution.save(update_fields=["outcome", "counts", "status", "closed_at"])
    return resolution
