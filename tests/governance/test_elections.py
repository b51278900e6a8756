"""COPIL elections: the secret ballot, one vote per organisation, the rules
applied to the results, the procès-verbal and the committee's new term."""

import json
import logging
from datetime import date

import pytest
from django.core import mail
from django.db import connection

from approvals.models import OutboxMessage, TimelineEntry
from governance import services
from governance.models import CommitteeTerm, Election, ElectionBallot, ElectionVoter
from governance.services import ElectionError
from tests.concurrency import on_postgresql, run_at_once
from tests.governance.factories import make_election, member, members, stand, vote

BALLOT_TABLE = ElectionBallot._meta.db_table
REGISTER_TABLE = ElectionVoter._meta.db_table


def _columns(table) -> dict:
    """{column: (type, default)} read with raw SQL from the database itself."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT column_name, data_type, coalesce(column_default, '') FROM information_schema.columns "
                "WHERE table_name = %s",
                [table],
            )
            return {name: (kind, default) for name, kind, default in cursor.fetchall()}
        cursor.execute(f"PRAGMA table_info({table})")
        return {row[1]: (row[2].lower(), row[4] or "") for row in cursor.fetchall()}


def _references_from(table) -> set:
    """The tables `table`'s foreign keys point to."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT ccu.table_name FROM information_schema.table_constraints tc "
                "JOIN information_schema.constraint_column_usage ccu ON tc.constraint_name = ccu.constraint_name "
                "WHERE tc.table_name = %s AND tc.constraint_type = 'FOREIGN KEY'",
                [table],
            )
            return {row[0] for row in cursor.fetchall()}
        cursor.execute(f"PRAGMA foreign_key_list({table})")
        return {row[2] for row in cursor.fetchall()}


@pytest.fixture
def copil(seat_committee):
    return seat_committee("copil", members=4)


@pytest.fixture
def open_election(copil):
    """An open vote for 3 seats with six candidates from six countries, and
    the ten member organisations (with their focal points) that vote."""
    voters = members(10)
    election = make_election(copil.chair, seats=3)
    candidates = [stand(election, org, focal) for org, focal in voters[:6]]
    services.election_open(election_id=election.pk, by=copil.chair)
    return election, voters, candidates


# --- the secret ballot --------------------------------------------------------------------------


def test_no_column_of_the_urn_names_or_orders_a_voter(open_election):
    # given an election where several organisations voted
    election, voters, candidates = open_election
    for i, (org, focal) in enumerate(voters[:4]):
        vote(election, org, focal, candidates[i])
    # then the urn holds only a random key, the election and the choices
    ballot = _columns(BALLOT_TABLE)
    assert set(ballot) == {"id", "election_id", "choices"}
    assert "uuid" in ballot["id"][0] or "char" in ballot["id"][0]
    # no sequence, no time: nothing that grows with each insert
    for kind, default in ballot.values():
        assert "nextval" not in default and "time" not in kind and "date" not in kind
    # its only foreign key is to the election: not to a voter, an organisation or the register
    assert _references_from(BALLOT_TABLE) == {Election._meta.db_table}
    # and the register holds who voted, with no time and no sequence
    register = _columns(REGISTER_TABLE)
    assert set(register) == {"id", "election_id", "organisation_id"}
    assert all("nextval" not in default and "time" not in kind for kind, default in register.values())
    assert ElectionVoter.objects.filter(election=election).count() == ElectionBallot.objects.filter(election=election).count() == 4


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ballots_cannot_be_put_in_the_order_of_the_register(copil):
    # ctid and xmin are PostgreSQL's: the suite runs on it (bin/test starts one)
    assert connection.vendor == "postgresql", "run the suite with bin/test: this test reads PostgreSQL's ctid and xmin"
    # given ten organisations voting one after the other, each in its own
    # transaction, each with a choice of its own
    voters = members(10)
    election = make_election(copil.chair, seats=3)
    candidates = [stand(election, org, focal) for org, focal in voters[:5]]
    services.election_open(election_id=election.pk, by=copil.chair)
    patterns = [[candidates[i % 5].pk, candidates[(i + 1 + i // 5) % 5].pk] for i in range(10)]
    assert len({tuple(sorted(p)) for p in patterns}) == 10
    for (org, focal), pattern in zip(voters, patterns):
        services.election_vote(election_id=election.pk, organisation_id=org.pk, by=focal, candidacy_ids=pattern)
    voting_order = [sorted(p) for p in patterns]
    with connection.cursor() as cursor:
        # physical order on disk
        cursor.execute(f"SELECT choices::text, xmin::text FROM {BALLOT_TABLE} WHERE election_id = %s ORDER BY ctid", [election.pk])
        rows = cursor.fetchall()
        cursor.execute(f"SELECT choices::text FROM {BALLOT_TABLE} WHERE election_id = %s ORDER BY id", [election.pk])
        by_key = [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT count(DISTINCT xmin::text) FROM {REGISTER_TABLE} WHERE election_id = %s", [election.pk])
        register_transactions = cursor.fetchone()[0]
    on_disk = [json.loads(choices) for choices, _xmin in rows]
    # then every ballot is there, but neither the disk order nor the key order is the voting order
    assert sorted(on_disk) == sorted(voting_order)
    assert on_disk != voting_order
    assert [json.loads(c) for c in by_key] != voting_order
    # and the transaction ids tell no ballot apart (all rewritten by the last
    # vote), while the register's rows each carry their own
    assert len({xmin for _choices, xmin in rows}) == 1
    assert register_transactions == 10


def test_a_vote_leaves_nothing_in_logs_timeline_outbox_or_mail(open_election, caplog):
    election, voters, candidates = open_election
    org, focal = voters[7]
    timeline, outbox = TimelineEntry.objects.count(), OutboxMessage.objects.count()
    # when an organisation votes, with every logger listening
    with caplog.at_level(logging.DEBUG):
        vote(election, org, focal, candidates[2], candidates[4])
    # then nothing was written anywhere but the register and the urn
    assert TimelineEntry.objects.count() == timeline
    assert OutboxMessage.objects.count() == outbox
    assert mail.outbox == []
    written = "\n".join(record.getMessage() for record in caplog.records)
    for trace in (org.name, org.acronym, str(focal), focal.email, str(candidates[2].person), f"[{candidates[2].pk}, {candidates[4].pk}]"):
        assert trace not in written


def test_a_second_vote_of_the_same_organisation_is_refused_with_the_reason(open_election, client_for):
    election, voters, candidates = open_election
    org, focal = voters[0]
    client = client_for(focal)
    url = f"/gouvernance/elections/{election.pk}/voter/"
    first = client.post(url, {"organisation": org.pk, "candidacies": [candidates[0].pk]})
    assert first.status_code == 302
    # when the same organisation votes again (another choice)
    second = client.post(url, {"organisation": org.pk, "candidacies": [candidates[1].pk]})
    # then it is refused and told why; the first vote stands alone
    assert second.status_code == 409
    assert "a déjà voté à cette élection" in second.content.decode()
    assert ElectionVoter.objects.filter(election=election, organisation=org).count() == 1
    assert list(ElectionBallot.objects.filter(election=election).values_list("choices", flat=True)) == [[candidates[0].pk]]


def test_one_votes_only_for_ones_own_organisation_and_up_to_the_seats(open_election):
    election, voters, candidates = open_election
    (org, focal), (other_org, _other) = voters[0], voters[1]
    with pytest.raises(ElectionError) as refused:
        vote(election, other_org, focal, candidates[0])
    assert refused.value.status == 403
    with pytest.raises(ElectionError) as refused:
        vote(election, org, focal, *candidates[:4])
    assert "au plus 3" in str(refused.value.reason)
    assert not ElectionVoter.objects.filter(election=election).exists()


@on_postgresql[0]
@on_postgresql[1]
def test_twenty_simultaneous_submissions_of_one_organisation_count_once(copil):
    # given an organisation whose focal point's submission is sent 20 times at once
    voters = members(4)
    election = make_election(copil.chair, seats=2)
    candidates = [stand(election, org, focal) for org, focal in voters[:3]]
    services.election_open(election_id=election.pk, by=copil.chair)
    org, focal = voters[3]
    results = run_at_once(
        20,
        lambda i: services.election_vote(
            election_id=election.pk, organisation_id=org.pk, by=focal, candidacy_ids=[candidates[i % 3].pk]
        ),
    )
    # then one vote is counted, and 19 are refused with the reason
    assert sum(1 for result in results if result is None) == 1
    refusals = [result for result in results if isinstance(result, ElectionError)]
    assert len(refusals) == 19 and all("a déjà voté" in str(r.reason) for r in refusals)
    assert ElectionVoter.objects.filter(election=election).count() == 1
    assert ElectionBallot.objects.filter(election=election).count() == 1


@on_postgresql[0]
@on_postgresql[1]
def test_twenty_organisations_voting_at_once_all_count(copil):
    voters = members(20)
    election = make_election(copil.chair, seats=2)
    candidates = [stand(election, org, focal) for org, focal in voters[:3]]
    services.election_open(election_id=election.pk, by=copil.chair)
    results = run_at_once(20, lambda i: vote(election, voters[i][0], voters[i][1], candidates[i % 3]))
    assert results == [None] * 20
    assert ElectionVoter.objects.filter(election=election).count() == 20
    assert ElectionBallot.objects.filter(election=election).count() == 20


# --- candidacies ------------------------------------------------------------------------------


def test_candidacies_are_checked_for_eligibility(copil):
    election = make_election(copil.chair, seats=3, max_terms=2)
    org, focal = member("CM")
    suspended, suspended_focal = member("GA")
    type(suspended).objects.filter(pk=suspended.pk).update(state="suspended")
    stand(election, org, focal)
    # the same person again, for another organisation
    other, other_focal = member("TD")
    with pytest.raises(ElectionError, match="déjà candidat"):
        services.candidacy_submit(election_id=election.pk, organisation_id=other.pk, person=focal, gender="woman", by=copil.chair)
    # an organisation not in good standing, even put forward by the chair
    with pytest.raises(ElectionError, match="membre en règle"):
        services.candidacy_submit(
            election_id=election.pk, organisation_id=suspended.pk, person=suspended_focal, gender="man", by=copil.chair
        )
    # someone who already sat the two terms the statutes allow
    veteran = other_focal
    for year in (2021, 2024):
        term = CommitteeTerm.objects.create(committee=copil, starts_on=date(year, 1, 1), ends_on=date(year + 2, 12, 31))
        term.seats.create(person=veteran)
    with pytest.raises(ElectionError, match="2 mandat"):
        stand(election, other, veteran)
    # a focal point cannot put forward another organisation's candidate
    with pytest.raises(ElectionError) as refused:
        services.candidacy_submit(election_id=election.pk, organisation_id=other.pk, person=other_focal, gender="man", by=focal)
    assert refused.value.status == 403
    assert election.candidacies.count() == 1
