"""Two workers on the same decision at once still make one letter (PostgreSQL)."""

import threading

import pytest
from django.contrib.auth.models import Permission
from django.db import connection, connections
from django.utils.translation import gettext_lazy

from approvals.letters.services import decision_letter_issue
from approvals.models import Committee, Letter
from approvals.services import dossier_create, perform, vote_cast
from tests.dossiers.models import Club, Petition
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row-lock concurrency is proven on PostgreSQL (bin/test)"),
]


def test_two_issuers_of_the_same_letter_make_one(petition_letters):
    committee = Committee.objects.get(code="copil")
    members = [UserFactory(roles=["copil_member"]) for _ in range(3)]
    committee.chair = members[0]
    committee.save()
    committee.members.set(members)
    reviewer = UserFactory(roles=["membership_group"])
    reviewer.user_permissions.add(*Permission.objects.filter(codename__in=["review_petition", "view_petition"]))
    club = Club.objects.create(name=str(gettext_lazy("Association des juristes")))
    owner = UserFactory(roles=["applicant"])
    petition = dossier_create(Petition, by=owner, grant_owner=("view", "change"), title="Adhésion", club=club)
    perform(petition, "submit", by=owner)
    perform(petition, "send_to_committee", by=reviewer)
    ballot = committee.ballots.get()
    for member in members[:2]:
        vote_cast(ballot_id=ballot.pk, by=member, choice="approve")
    decision = ballot.decision

    barrier = threading.Barrier(4)
    results = [None] * 4

    def work(i):
        try:
            barrier.wait()
            results[i] = decision_letter_issue(decision_id=decision.pk).pk
        except Exception as exc:  # collected, asserted below
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert Letter.objects.filter(decision=decision).count() == 1
    assert results == [Letter.objects.get(decision=decision).pk] * 4
