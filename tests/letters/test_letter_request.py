"""Letters that follow no decision: requested from a dossier's transition hook."""

from approvals.letters.services import letter_request
from approvals.models import Letter
from approvals.services import perform
from tests.dossiers.models import Petition

from .helpers import docx_text


def test_information_requested_from_a_transition_hook(petition_letters, monkeypatch, make_petition, club, relay_outbox):
    # given a dossier kind that asks for a letter when it is submitted
    original = Petition.transitioned

    def transitioned(self, entry):
        original(self, entry)
        if entry.to_state == Petition.State.SUBMITTED:
            letter_request(
                dossier=self, kind="information_requested", extra_context={"requested_items": ["Statuts signés", "Récépissé"]}
            )

    monkeypatch.setattr(Petition, "transitioned", transitioned)
    petition = make_petition(club=club)
    # when it is submitted and the outbox relayed (twice: delivery is at least once)
    perform(petition, "submit", by=petition.owner)
    relay_outbox()
    relay_outbox()
    # then one letter lists what is requested, in the applicant's language
    letter = Letter.objects.get(dossier_reference=petition.reference)
    assert (letter.kind, letter.decision, letter.language) == ("information_requested", None, "fr")
    with letter.file.open("rb") as handle:
        text = docx_text(handle.read())
    assert "• Statuts signés" in text and "• Récépissé" in text and "Association des juristes" in text


def test_a_rolled_back_change_requests_no_letter(petition_letters, make_petition, club, relay_outbox):
    import pytest
    from django.db import transaction

    petition = make_petition(club=club)
    with pytest.raises(RuntimeError), transaction.atomic():
        letter_request(dossier=petition, kind="information_requested", extra_context={"requested_items": []})
        raise RuntimeError("the change fails")
    relay_outbox()
    assert not Letter.objects.exists()
