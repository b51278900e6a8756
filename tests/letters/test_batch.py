"""The chair (re)generates the letters of many decisions at once and
follows the background work on a page that refreshes itself."""

import pytest

from approvals.models import Letter, LetterBatch, OutboxMessage

from .factories import DecisionFactory


@pytest.fixture
def decisions(petition_letters, copil, club):
    return [DecisionFactory(petition__club=club) for _ in range(3)]


def test_the_chair_regenerates_letters_and_follows_progress(decisions, copil, client_for, relay_outbox):
    chair = client_for(copil.chair)
    # the page lists the committee's decisions with checkboxes
    page = chair.get("/lettres/decisions/").content.decode()
    assert all(d.reference in page for d in decisions)
    # when the chair ticks them and asks for the letters
    response = chair.post("/lettres/decisions/", {"decision": [d.pk for d in decisions]})
    batch = LetterBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == batch.get_absolute_url()
    # then, before the worker runs, the page shows 0 of 3 and refreshes itself
    page = chair.get(batch.get_absolute_url()).content.decode()
    assert '<progress max="3" value="0"' in page and 'http-equiv="refresh"' in page
    # and once the outbox is relayed, 3 of 3, no more refreshing
    relay_outbox()
    page = chair.get(batch.get_absolute_url()).content.decode()
    assert '<progress max="3" value="3"' in page and 'http-equiv="refresh"' not in page
    assert Letter.objects.filter(decision__in=decisions).count() == 3


def test_regenerating_again_makes_new_revisions_not_new_letters(decisions, copil, client_for, relay_outbox):
    chair = client_for(copil.chair)
    chair.post("/lettres/decisions/", {"decision": [d.pk for d in decisions]})
    relay_outbox()
    chair.post("/lettres/decisions/", {"decision": [d.pk for d in decisions]})
    relay_outbox()
    assert Letter.objects.filter(decision__in=decisions).count() == 3
    assert set(Letter.objects.values_list("revision", flat=True)) == {2}


def test_a_failing_letter_is_reported_and_the_others_go_on(decisions, copil, client_for, relay_outbox, monkeypatch):
    from tests.dossiers.models import Petition

    broken = decisions[1]
    original = Petition.letter_context

    def context(self, decision):
        if decision.pk == broken.pk:
            return {"organisation_name": object()}
        return original(self, decision)

    monkeypatch.setattr(Petition, "letter_context", context, raising=False)
    chair = client_for(copil.chair)
    chair.post("/lettres/decisions/", {"decision": [d.pk for d in decisions]})
    relay_outbox()
    batch = LetterBatch.objects.get()
    page = chair.get(batch.get_absolute_url()).content.decode()
    assert '<progress max="3" value="3"' in page
    assert "1 lettre n" in page  # "1 lettre n'a pas pu être produite"
    assert batch.items.filter(status="failed").get().decision == broken
    assert not OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED).exists()


def test_only_the_chair_may_regenerate(decisions, copil, client_for, make_user):
    member = copil.members.exclude(pk=copil.chair_id).first()
    response = client_for(member).post("/lettres/decisions/", {"decision": [decisions[0].pk]})
    assert response.status_code == 302
    assert not LetterBatch.objects.exists()
    page = client_for(member).get("/lettres/decisions/").content.decode()
    assert decisions[0].reference not in page


def test_another_chairs_batch_is_not_visible(decisions, copil, client_for, make_user):
    client_for(copil.chair).post("/lettres/decisions/", {"decision": [decisions[0].pk]})
    batch = LetterBatch.objects.get()
    other = make_user("copil_member")
    assert client_for(other).get(batch.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("count", [5, 50])
def test_the_decisions_page_costs_the_same_for_5_or_50(count, petition_letters, copil, club, client_for, django_assert_max_num_queries):
    from approvals.letters.services import decision_letter_issue

    for number, decision in enumerate(DecisionFactory.create_batch(count, petition__club=club)):
        if number % 2:  # half of them already have their letter
            decision_letter_issue(decision_id=decision.pk)
    chair = client_for(copil.chair)
    chair.get("/lettres/decisions/")  # warm the session and permission caches
    with django_assert_max_num_queries(8):
        response = chair.get("/lettres/decisions/")
    assert response.content.decode().count('name="decision"') == count
