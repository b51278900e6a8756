"""Counting with the statutes' rules, the procès-verbal read back from the
.docx, and the committee's membership changing when the new term starts."""

from datetime import date, timedelta
from io import BytesIO

import docx
import pytest

from approvals.services import relay
from governance import services
from governance.models import Candidacy, CommitteeTerm
from governance.services import results
from governance.tasks import install_elected_committees
from tests.governance.factories import make_election, member, members, stand, vote


@pytest.fixture
def copil(seat_committee):
    return seat_committee("copil", members=4)


def _docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(BytesIO(content)).paragraphs)


def _country_cap_election(copil):
    """Three seats, at most one per country. By votes: Awa (CM) 5, Béatrice
    (CM) 4, Chantal (GA) 3, Denise (TD) 2, Esther (CM) 1."""
    names = [("Awa", "CM"), ("Béatrice", "CM"), ("Chantal", "GA"), ("Denise", "TD"), ("Esther", "CM")]
    standing = [member(country, focal_name=f"{name} Candidate") for name, country in names]
    voters = members(5)
    election = make_election(copil.chair, seats=3, max_per_country=1)
    candidates = [stand(election, org, focal) for org, focal in standing]
    services.election_open(election_id=election.pk, by=copil.chair)
    awa, beatrice, chantal, denise, esther = candidates
    choices = [(awa, beatrice, chantal), (awa, beatrice, chantal), (awa, beatrice, denise), (awa, beatrice, denise), (awa, chantal, esther)]
    for (org, focal), chosen in zip(voters, choices):
        vote(election, org, focal, *chosen)
    return election, candidates


def test_the_country_cap_passes_over_the_raw_ranking_to_the_next(copil):
    election, candidates = _country_cap_election(copil)
    # the raw ranking would elect Awa, Béatrice (both Cameroon) and Chantal
    services.election_close(election_id=election.pk, by=copil.chair)
    counted = {c.person.full_name.split()[0]: c for c in Candidacy.objects.filter(election=election)}
    assert [counted[n].votes for n in ("Awa", "Béatrice", "Chantal", "Denise", "Esther")] == [5, 4, 3, 2, 1]
    # the cap passes over Béatrice: Denise (Chad), next in rank, takes the seat
    assert {name for name, c in counted.items() if c.elected} == {"Awa", "Chantal", "Denise"}
    assert counted["Béatrice"].result_note == Candidacy.PassedOver.COUNTRY_CAP
    assert [counted[n].rank for n in ("Awa", "Béatrice", "Chantal", "Denise", "Esther")] == [1, 2, 3, 4, 5]


def test_the_minimum_of_women_reserves_the_last_seats():
    standings = [
        results.Standing(key=1, votes=9, country="CM", gender="man"),
        results.Standing(key=2, votes=8, country="GA", gender="man"),
        results.Standing(key=3, votes=7, country="TD", gender="man"),
        results.Standing(key=4, votes=3, country="CF", gender="woman"),
        results.Standing(key=5, votes=2, country="CG", gender="woman"),
    ]
    ranked = results.count(standings, seats=3, seed="s", min_women=2)
    assert {s.key for s in ranked if s.elected} == {1, 4, 5}
    assert {s.key: s.passed_over for s in ranked if not s.elected} == {2: results.WOMEN_MINIMUM, 3: results.WOMEN_MINIMUM}


def test_the_minimum_of_women_is_met_as_far_as_candidates_allow():
    standings = [results.Standing(key=k, votes=10 - k, country="CM", gender="man") for k in range(1, 4)]
    standings.append(results.Standing(key=9, votes=1, country="GA", gender="woman"))
    ranked = results.count(standings, seats=3, seed="s", min_women=2)
    assert {s.key for s in ranked if s.elected} == {1, 2, 9}


def test_a_tie_for_the_last_seat_is_broken_by_the_recorded_lot():
    def tied():
        return [results.Standing(key=1, votes=5, country="CM", gender="man")] + [
            results.Standing(key=k, votes=3, country="GA", gender="woman") for k in (2, 3, 4)
        ]

    ranked = results.count(tied(), seats=2, seed="graine", max_per_country=2)
    winner = min((2, 3, 4), key=lambda k: results.lot("graine", k))
    assert {s.key for s in ranked if s.elected} == {1, winner}
    assert {s.key for s in ranked if s.tie_broken} == {2, 3, 4}
    # the same seed draws the same lot: anyone can check the draw
    assert [s.key for s in results.count(tied(), seats=2, seed="graine")] == [s.key for s in ranked]


def test_the_proces_verbal_reads_back_from_the_docx(copil, client_for):
    election, candidates = _country_cap_election(copil)
    services.election_close(election_id=election.pk, by=copil.chair, language="fr")
    # the procès-verbal was asked for in the same transaction; the worker renders it
    assert relay(limit=1) == 1
    response = client_for(candidates[0].person).get(f"/gouvernance/elections/{election.pk}/proces-verbal.docx")
    assert response.status_code == 200
    text = _docx_text(b"".join(response.streaming_content))
    assert "Procès-verbal d'élection" in text and election.reference in text
    assert "Sièges à pourvoir : 3" in text
    assert "Au plus 1 élu·es d'un même pays" in text
    assert "bulletins déposés : 5" in text
    assert "1. Awa Candidate" in text and "5 voix — Élu·e" in text
    assert "2. Béatrice Candidate" in text and "plafond de sièges par pays atteint" in text
    elected = text.split("Sont élu·es", 1)[1]
    for name in ("Awa", "Chantal", "Denise"):
        assert f"{name} Candidate" in elected
    assert "Béatrice" not in elected.split("Fait le")[0]


def test_the_committee_changes_on_the_first_day_of_the_term_and_keeps_its_history(copil):
    before = set(copil.members.values_list("pk", flat=True))
    election, candidates = _country_cap_election(copil)
    services.election_close(election_id=election.pk, by=copil.chair)
    elected = {c.person_id for c in Candidacy.objects.filter(election=election, elected=True)}
    start = election.term_starts_on
    # the day before the term: nothing moves
    assert services.election_install_due(today=start - timedelta(days=1)) == []
    assert set(copil.members.values_list("pk", flat=True)) == before
    # on its first day the elected take their seats (the daily task, run twice)
    assert services.election_install_due(today=start) == [election.reference]
    assert services.election_install_due(today=start) == []
    copil.refresh_from_db()
    assert set(copil.members.values_list("pk", flat=True)) == elected
    assert all(person.has_role("copil_member") for person in copil.members.all())
    # the outgoing chair was not re-elected: the new committee names its chair
    assert copil.chair is None
    # history: the outgoing composition and the new term, each with its seats
    outgoing, incoming = CommitteeTerm.objects.filter(committee=copil).order_by("id")
    assert set(outgoing.seats.values_list("person_id", flat=True)) == before
    assert outgoing.ends_on == start - timedelta(days=1)
    assert incoming.election == election and incoming.starts_on == start and incoming.ends_on == date(2029, 12, 31)
    assert set(incoming.seats.values_list("person_id", flat=True)) == elected
    assert install_elected_committees() == []
    assert CommitteeTerm.objects.filter(committee=copil).count() == 2
