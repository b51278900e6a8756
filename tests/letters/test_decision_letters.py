"""A decision yields one letter, in the recipient's language, rendered in
the background from the outbox; rendering again changes nothing unless
regeneration is asked for."""

from io import BytesIO

import docx
import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from approvals.letters.services import decision_letter_issue
from approvals.models import Letter, OutboxMessage


def letter_text(letter) -> str:
    with letter.file.open("rb") as handle:
        document = docx.Document(BytesIO(handle.read()))
    parts = [p.text for p in document.paragraphs]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def long_date(moment, language):
    with translation.override(language):
        return date_format(timezone.localtime(moment).date(), "j F Y")


def test_a_membership_approval_yields_a_french_letter(petition_letters, make_user, make_petition, club, decide, relay_outbox):
    # given a French-speaking applicant for an organisation
    applicant = make_user("applicant", preferred_language="fr", full_name="Jeanne Mballa")
    petition = make_petition(owner=applicant, club=club)
    # when the COPIL approves and the outbox is relayed
    decision = decide(petition, "approve")
    relay_outbox()
    # then one French letter exists, naming the organisation, the decision and its date
    letter = Letter.objects.get(decision=decision)
    assert (letter.kind, letter.language, letter.template.version) == ("membership_approved", "fr", 1)
    text = letter_text(letter)
    assert "Association des juristes" in text
    assert decision.reference in text
    assert long_date(decision.decided_at, "fr") in text
    assert "Objet : Décision sur votre demande d'adhésion" in text
    assert letter.display_code in text and letter.reference in text
    assert letter.sha256 and len(letter.verification_code) == 24


def test_an_english_speaking_applicant_gets_the_english_letter(petition_letters, make_user, make_petition, club, decide, relay_outbox):
    applicant = make_user("applicant", preferred_language="en")
    petition = make_petition(owner=applicant, club=club)
    decision = decide(petition, "approve")
    relay_outbox()
    letter = Letter.objects.get(decision=decision)
    assert letter.language == "en"
    text = letter_text(letter)
    assert "Subject: Decision on your membership application" in text
    assert "Association des juristes" in text and decision.reference in text
    assert long_date(decision.decided_at, "en") in text
    assert "Objet" not in text


def test_a_rejection_yields_the_rejection_letter(petition_letters, make_petition, club, decide, relay_outbox):
    petition = make_petition(club=club)
    decision = decide(petition, "reject")
    relay_outbox()
    letter = Letter.objects.get(decision=decision)
    assert letter.kind == "membership_rejected"
    assert "n'a pas retenu" in letter_text(letter)


def test_amount_and_conditions_are_in_the_letter(petition_letters, make_petition, club, decide, relay_outbox):
    petition = make_petition(club=club)
    decision = decide(petition, "approve", amount="1500000.00", currency="XAF", conditions="Rapport sous 6 mois")
    relay_outbox()
    text = letter_text(Letter.objects.get(decision=decision))
    assert "1\xa0500\xa0000 XAF" in text or "1 500 000 XAF" in text
    assert "Rapport sous 6 mois" in text


def test_rendering_the_same_decision_twice_gives_the_same_letter(petition_letters, make_petition, club, decide, relay_outbox):
    petition = make_petition(club=club)
    decision = decide(petition, "approve")
    relay_outbox()
    letter = Letter.objects.get(decision=decision)
    # when the decision.recorded message is delivered again (at-least-once relay)
    OutboxMessage.objects.filter(topic="decision.recorded").update(status=OutboxMessage.Status.PENDING)
    relay_outbox()
    again = decision_letter_issue(decision_id=decision.pk)
    # then it is the same letter, same file, same revision
    assert Letter.objects.filter(decision=decision).count() == 1
    letter_after = Letter.objects.get(decision=decision)
    assert again.pk == letter.pk
    assert (letter_after.revision, letter_after.sha256, letter_after.file.name) == (1, letter.sha256, letter.file.name)


def test_regeneration_is_explicit_and_keeps_reference_and_code(petition_letters, make_petition, club, decide, relay_outbox):
    petition = make_petition(club=club)
    decision = decide(petition, "approve")
    relay_outbox()
    first = Letter.objects.get(decision=decision)
    regenerated = decision_letter_issue(decision_id=decision.pk, regenerate=True)
    assert regenerated.pk == first.pk
    assert regenerated.revision == 2
    assert (regenerated.reference, regenerated.verification_code) == (first.reference, first.verification_code)
    assert regenerated.previous_hashes[0]["sha256"] == first.sha256
    assert regenerated.file.name != first.file.name


def test_letters_are_stored_privately_without_a_url(petition_letters, make_petition, club, decide, relay_outbox, private_storage, settings):
    petition = make_petition(club=club)
    decision = decide(petition, "approve")
    relay_outbox()
    letter = Letter.objects.get(decision=decision)
    assert letter.file.path.startswith(str(private_storage))
    assert not letter.file.path.startswith(str(settings.STATIC_ROOT))
    with pytest.raises(ValueError):
        letter.file.url


def test_a_dossier_kind_without_letters_gets_none(make_petition, club, decide, relay_outbox):
    # Petition itself sends no letter (the engine's default letter_kind is None)
    petition = make_petition(club=club)
    decision = decide(petition, "approve")
    relay_outbox()
    assert not Letter.objects.filter(decision=decision).exists()
    assert not OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED).exists()


def test_the_network_logo_heads_the_letter(petition_letters, settings, tmp_path, make_petition, club, decide, relay_outbox):
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(b"\x00\x0b\x5c\x55")) + chunk(b"IEND", b"")
    logo = tmp_path / "logo.png"
    logo.write_bytes(png)
    settings.RELAIS_NETWORK_LOGO = str(logo)
    decision = decide(make_petition(club=club), "approve")
    relay_outbox()
    letter = Letter.objects.get(decision=decision)
    with letter.file.open("rb") as handle:
        document = docx.Document(BytesIO(handle.read()))
    header_xml = document.sections[0].header._element.xml
    assert "<pic:pic" in header_xml or "graphicData" in header_xml
