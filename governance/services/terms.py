"""The elected committee takes its seats when its term starts.

`election_install_due()` runs every day (Celery beat,
`governance.tasks.install_elected_committees`) and is safe to run any number
of times: an election is installed once (`installed_at`, and one term per
election in the database), never before its term's first day.
"""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.roles import Role
from approvals.models import Committee

from ..models import CommitteeTerm, CommitteeTermSeat, Election

# The role that gives a committee's members their pages (ballots, meetings).
MEMBER_ROLE = {"copil": (Role.COPIL_MEMBER, Role.COPIL_CHAIR), "emergency": (Role.EMERGENCY_MEMBER, Role.EMERGENCY_CHAIR)}


def current_term(committee) -> CommitteeTerm | None:
    return committee.terms.order_by("-starts_on", "-id").first()


def _record_outgoing(committee: Committee, *, new_start) -> None:
    """Keep the composition that leaves: close the recorded current term,
    or, the first time, record the composition as it stands."""
    outgoing = current_term(committee)
    sitting = set(committee.members.values_list("pk", flat=True))
    if outgoing is not None and set(outgoing.seats.values_list("person_id", flat=True)) == sitting:
        if outgoing.ends_on is None or outgoing.ends_on >= new_start:
            outgoing.ends_on = new_start - timedelta(days=1)
            outgoing.save(update_fields=["ends_on"])
        return
    term = CommitteeTerm.objects.create(
        committee=committee, starts_on=None, ends_on=new_start - timedelta(days=1), chair_id=committee.chair_id
    )
    CommitteeTermSeat.objects.bulk_create([CommitteeTermSeat(term=term, person_id=pk) for pk in sorted(sitting)])


def _move_roles(committee: Committee, *, joining: set, leaving: set, chair_left: bool, old_chair_id) -> None:
    roles = MEMBER_ROLE.get(committee.code)
    if roles is None:
        return
    member_role, chair_role = (Group.objects.get_or_create(name=code)[0] for code in roles)
    member_role.user_set.add(*joining)
    member_role.user_set.remove(*leaving)
    if chair_left and old_chair_id:
        chair_role.user_set.remove(old_chair_id)


@transaction.atomic
def election_install(*, election_id: int, today=None) -> bool:
    """Seat the elected members of a counted election if its term has
    started; returns whether this call installed it."""
    today = today or timezone.localdate()
    election = Election.objects.select_for_update(of=("self",)).filter(pk=election_id).first()
    if election is None or election.state != Election.State.CLOSED or election.installed_at is not None:
        return False
    if election.term_starts_on > today:
        return False
    committee = Committee.objects.select_for_update().get(pk=election.committee_id)
    _record_outgoing(committee, new_start=election.term_starts_on)
    elected = list(election.candidacies.filter(elected=True).order_by("rank"))
    elected_ids = {c.person_id for c in elected}
    before = set(committee.members.values_list("pk", flat=True))
    old_chair_id = committee.chair_id
    # The chair stays only if re-elected; otherwise the new committee names one.
    chair_left = bool(old_chair_id) and old_chair_id not in elected_ids
    term = CommitteeTerm.objects.create(
        committee=committee,
        election=election,
        starts_on=election.term_starts_on,
        ends_on=election.term_ends_on,
        chair_id=None if chair_left else old_chair_id,
    )
    CommitteeTermSeat.objects.bulk_create(
        [CommitteeTermSeat(term=term, person_id=c.person_id, organisation_id=c.organisation_id) for c in elected]
    )
    committee.members.set(elected_ids)
    if chair_left:
        committee.chair = None
        committee.save(update_fields=["chair"])
    _move_roles(committee, joining=elected_ids - before, leaving=before - elected_ids, chair_left=chair_left, old_chair_id=old_chair_id)
    election.installed_at = timezone.now()
    election.save(update_fields=["installed_at"])
    return True


def election_install_due(*, today=None) -> list[str]:
    """Install every counted election whose term has started; the references installed."""
    today = today or timezone.localdate()
    due = Election.objects.filter(state=Election.State.CLOSED, installed_at__isnull=True, term_starts_on__lte=today)
    installed = []
    for election in due.order_by("term_starts_on", "pk"):
        if election_install(election_id=election.pk, today=today):
            installed.append(election.reference)
    return installed
