"""The database refuses to rewrite history, whatever the caller: raw SQL and
queryset updates bypass TimelineEntry.save, the triggers do not."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.utils import DatabaseError

from approvals.models import Ballot, TimelineEntry, Vote


def _refused(sql, params):
    with pytest.raises((IntegrityError, DatabaseError)) as raised, transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    return str(raised.value)


@pytest.fixture
def submitted(make_petition, client_for):
    petition = make_petition()
    client_for(petition.owner).post(f"/dossiers/{petition.reference}/agir/submit/")
    return petition


def test_a_timeline_entry_cannot_be_updated_or_deleted_in_sql(submitted):
    entry = TimelineEntry.objects.filter(dossier_reference=submitted.reference).latest("id")

    assert "never changed or removed" in _refused("UPDATE approvals_timelineentry SET comment = %s WHERE id = %s", ["rewritten", entry.pk])
    assert "never changed or removed" in _refused("DELETE FROM approvals_timelineentry WHERE id = %s", [entry.pk])
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        TimelineEntry.objects.filter(pk=entry.pk).update(public_label="réécrit")
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        TimelineEntry.objects.filter(pk=entry.pk)._raw_delete(connection.alias)

    entry.refresh_from_db()
    assert entry.comment != "rewritten" and entry.public_label != "réécrit"
    assert TimelineEntry.objects.filter(pk=entry.pk).exists()


def test_new_timeline_entries_are_still_written(submitted, reviewer, client_for):
    before = TimelineEntry.objects.filter(dossier_reference=submitted.reference).count()
    response = client_for(reviewer).post(f"/dossiers/{submitted.reference}/agir/send_to_committee/")
    assert response.status_code == 302
    assert TimelineEntry.objects.filter(dossier_reference=submitted.reference).count() > before


def test_votes_change_while_the_ballot_is_open_and_never_after(submitted, reviewer, copil, client_for):
    client_for(reviewer).post(f"/dossiers/{submitted.reference}/agir/send_to_committee/")
    ballot = Ballot.objects.get(dossier_reference=submitted.reference)
    voters = list(copil.members.order_by("email"))
    first = voters[0]

    # open: a member changes their mind, through the page as through SQL
    assert client_for(first).post(f"/scrutins/{ballot.pk}/voter/", {"choice": "reject"}).status_code == 302
    assert client_for(first).post(f"/scrutins/{ballot.pk}/voter/", {"choice": "approve"}).status_code == 302
    vote = Vote.objects.get(ballot=ballot, member=first)
    assert vote.choice == "approve"
    Vote.objects.filter(pk=vote.pk).update(comment="précision")

    for voter in voters[1:4]:
        client_for(voter).post(f"/scrutins/{ballot.pk}/voter/", {"choice": "approve"})
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.DECIDED

    # closed: the cast votes are history
    assert "closed ballot" in _refused("UPDATE approvals_vote SET choice = %s WHERE id = %s", ["reject", vote.pk])
    assert "closed ballot" in _refused("DELETE FROM approvals_vote WHERE ballot_id = %s", [ballot.pk])
    assert sorted(Vote.objects.filter(ballot=ballot).values_list("choice", flat=True)) == ["approve"] * 4
