"""The decision letter of a membership application, rendered for real from
the shipped templates after the COPIL decides."""

import pytest
from django.utils import formats, timezone, translation

from approvals.models import Ballot, Decision, Letter
from approvals.services import relay
from tests.letters.helpers import docx_text
from tests.members.test_workflow import to_copil, vote_all


@pytest.fixture(autouse=True)
def no_pdf(settings):
    # the PDF copy is proven in tests/letters/test_pdf.py; here, the .docx text
    settings.RELAIS_SOFFICE = "/bin/false"


def _approve(copil, reviewer, application):
    ballot = to_copil(application, reviewer)
    vote_all(ballot, "approve")
    relay()
    decision = Decision.objects.get(ballot=Ballot.objects.get(pk=ballot.pk))
    return decision, Letter.objects.get(decision=decision)


def test_an_approval_yields_a_french_letter_naming_the_organisation_the_decision_and_its_date(copil, reviewer, make_application):
    application = make_application()
    decision, letter = _approve(copil, reviewer, application)
    assert (letter.kind, letter.language) == ("membership_approved", "fr")
    text = docx_text(letter.file.open("rb").read())
    assert "Action des Femmes pour la Paix" in text
    assert decision.reference in text
    with translation.override("fr"):
        assert formats.date_format(timezone.localtime(decision.decided_at).date(), "j F Y") in text
    assert "adhésion" in text.lower()


def test_an_english_speaking_applicant_gets_the_english_letter(copil, reviewer, make_application):
    application = make_application()
    application.owner.preferred_language = "en"
    application.owner.save(update_fields=["preferred_language"])
    decision, letter = _approve(copil, reviewer, application)
    assert letter.language == "en"
    text = docx_text(letter.file.open("rb").read())
    assert "Action des Femmes pour la Paix" in text and decision.reference in text
    with translation.override("en"):
        assert formats.date_format(timezone.localtime(decision.decided_at).date(), "j F Y") in text
    assert "membership" in text.lower()
