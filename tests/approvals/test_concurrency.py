"""Many requests at once on PostgreSQL: row locks, not luck, keep the count."""


from django.contrib.auth.models import Permission

from approvals.models import Ballot, Committee, Decision, TimelineEntry, Vote
from approvals.services import TransitionRefused, dossier_create, perform, vote_cast
from tests.dossiers.models import Petition
from tests.concurrency import on_postgresql, run_at_once
from tests.factories import UserFactory

pytestmark = on_postgresql




def _committee_of(size):
    committee = Committee.objects.get(code="copil")
    members = [UserFactory(roles=["copil_member"]) for _ in range(size)]
    committee.chair = members[0]
    committee.save()
    committee.members.set(members)
    return committee, members


def _reviewer():
    reviewer = UserFactory(roles=["membership_group"])
    reviewer.user_permissions.add(*Permission.objects.filter(codename__in=["review_petition", "view_petition"]))
    return reviewer


def test_twenty_votes_at_once_give_one_decision_and_lose_no_vote():
    committee, members = _committee_of(20)
    owner = UserFactory(roles=["applicant"])
    petition = dossier_create(Petition, by=owner, grant_owner=("view", "change"), title="Concurrence")
    perform(petition, "submit", by=owner)
    perform(petition, "send_to_committee", by=_reviewer())
    ballot = Ballot.objects.get(dossier_reference=petition.reference)

    results = run_at_once(20, lambda i: vote_cast(ballot_id=ballot.pk, by=members[i], choice="approve"))

    recorded = [r for r in results if isinstance(r, Vote)]
    refused = [r for r in results if isinstance(r, TransitionRefused)]
    assert len(recorded) + len(refused) == 20, [r for r in results if not isinstance(r, (Vote, TransitionRefused))]
    # simple majority of 20: the 11th approval makes the outcome certain
    assert len(recorded) == 11
    assert all("clos" in r.reason for r in refused)
    assert Vote.objects.filter(ballot=ballot).count() == 11
    assert Decision.objects.filter(ballot=ballot).count() == 1
    petition.refresh_from_db()
    assert petition.state == Petition.State.APPROVED
    approvals = TimelineEntry.objects.filter(dossier_reference=petition.reference, transition="approve")
    assert approvals.count() == 1


def test_twenty_identical_transitions_at_once_happen_once():
    _committee_of(5)
    owner = UserFactory(roles=["applicant"])
    reviewer = _reviewer()
    petition = dossier_create(Petition, by=owner, grant_owner=("view", "change"), title="Concurrence")
    perform(petition, "submit", by=owner)

    def send(i):
        fresh = Petition.objects.get(pk=petition.pk)
        return perform(fresh, "send_to_committee", by=reviewer)

    results = run_at_once(20, send)
    succeeded = [r for r in results if isinstance(r, TimelineEntry)]
    refused = [r for r in results if isinstance(r, TransitionRefused)]
    assert len(succeeded) == 1 and len(refused) == 19
    assert TimelineEntry.objects.filter(dossier_reference=petition.reference, transition="send_to_committee").count() == 1
    assert Ballot.objects.filter(dossier_reference=petition.reference).count() == 1


def test_twenty_dossiers_created_at_once_get_distinct_consecutive_references():
    owners = [UserFactory(roles=["applicant"]) for _ in range(20)]
    results = run_at_once(
        20, lambda i: dossier_create(Petition, by=owners[i], title=f"Demande {i}").reference
    )
    assert all(isinstance(r, str) for r in results), results
    numbers = sorted(int(reference.rsplit("-", 1)[1]) for reference in results)
    assert len(set(results)) == 20
    assert numbers == list(range(numbers[0], numbers[0] + 20))
