"""Spanish and Portuguese for everything an applicant or a defender reads:
the public pages and Mon espace in the chosen language, the choice kept (on
the account made at application, on an emergency request without one), and
the e-mails and letters that follow in it.

The page checks read the expected words from the committed catalogues: a
phrase counts when the language's catalogue translates it (not left French)
and the page shows that translation."""

import html
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from accounts.models import User
from approvals.models import Ballot, Decision, Letter
from approvals.services import relay, status_link_issue
from casework.models import Case
from members.models import MembershipApplication
from tests.casework.conftest import chair, emergency, officer  # noqa: F401  (fixtures)
from tests.casework.test_story import _apply
from tests.letters.factories import PetitionFactory
from tests.letters.helpers import docx_text
from members import services
from tests.members.conftest import copil, reviewer  # noqa: F401  (fixtures)
from tests.members.factories import pdf_upload
from tests.members.test_apply_form import account_data, form_data
from tests.members.test_workflow import vote_all

LANGUAGES = ["es", "pt"]

# Phrases (French msgids) each public page shows.
PUBLIC_PAGES = {
    "/": ["Que souhaitez-vous faire ?", "Adhérer au réseau", "Demander un soutien urgent", "Suivre une demande",
          "Vérifier une lettre", "Se connecter"],
    "/suivi/": ["Suivre une demande", "Indiquez la référence de votre demande et le code de suivi reçu quand vous l'avez déposée."],
    "/membres/adhesion/": ["Enregistrer le brouillon", "Votre nom complet", "Choisissez un mot de passe", "Langue de vos courriers"],
    "/urgence/demande/": ["Demander une aide d'urgence", "Envoyer la demande", "Nom complet de la personne menacée", "Ce qui se passe"],
    "/verify/": ["Vérifier une lettre", "Code de vérification"],
    "/compte/connexion/": ["Connexion", "Mot de passe oublié ?", "Adresse e-mail", "Mot de passe"],
}


def _page(response) -> str:
    return html.unescape(response.content.decode())


def _client_in(language: str) -> Client:
    """An anonymous visitor who picked the language with the footer's switch."""
    client = Client()
    response = client.post("/compte/langue/", {"language": language, "next": "/"})
    assert response.status_code == 302
    return client


def _assert_speaks(page: str, language: str, phrases: list[str]) -> None:
    assert f'<html lang="{language}">' in page
    for phrase in phrases:
        with translation.override(language):
            translated = translation.gettext(phrase)
        assert translated != phrase, f"{language}: not translated: {phrase!r}"
        assert translated in page, f"{language}: {translated!r} missing from the page"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", list(PUBLIC_PAGES))
def test_public_pages_in_spanish_and_portuguese(path, language, db):
    client = _client_in(language)

    response = client.get(path)

    assert response.status_code == 200
    _assert_speaks(_page(response), language, PUBLIC_PAGES[path])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_status_link_pages_in_spanish_and_portuguese(language, emergency, client):  # noqa: F811
    petition = PetitionFactory()
    token = status_link_issue(dossier=petition, by=None)
    received = _apply(client)
    case = Case.objects.get()
    case_token = received.content.decode().split(f"/suivi/{case.reference}/", 1)[1].split("/", 1)[0]
    visitor = _client_in(language)

    page = _page(visitor.get(f"/suivi/{petition.reference}/{token}/"))
    _assert_speaks(page, language, ["Suivi du dossier", "Langue :"])
    page = _page(visitor.get(f"/suivi/{case.reference}/{case_token}/"))
    _assert_speaks(page, language, ["Suivi du dossier", "Dernière mise à jour :"])
    page = _page(visitor.post("/suivi/", {"reference": case.reference, "code": case_token}))
    _assert_speaks(page, language, ["Suivi du dossier"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_mon_espace_in_spanish_and_portuguese(language, make_user, client_for):
    client = client_for(make_user("applicant", preferred_language=language))

    page = _page(client.get("/mon-espace/"))

    _assert_speaks(page, language, ["Mon espace", "Vos dossiers, leur état, ce que l'on attend de vous et vos lettres."])


def test_spanish_words_on_the_front_door_and_the_emergency_form(db):
    client = _client_in("es")

    assert "¿Qué desea hacer?" in _page(client.get("/"))
    page = _page(client.get("/urgence/demande/"))
    assert "Pedir una ayuda de emergencia" in page and "Enviar la solicitud" in page
    assert "Demander une aide" not in page


def test_every_public_page_offers_the_four_languages_without_javascript(db):
    for path in PUBLIC_PAGES:
        page = Client().get(path).content.decode()
        assert 'action="/compte/langue/"' in page, path
        for code in ("fr", "en", "es", "pt"):
            assert f'name="language" value="{code}"' in page, (path, code)
        assert "<script" not in page, path


def test_the_membership_form_offers_the_visitor_s_language_for_the_letters(db):
    page = _page(_client_in("es").get("/membres/adhesion/"))

    assert re.search(r'<option value="es" selected>', page)
    assert '<option value="pt"' in page


def test_an_applicant_who_chose_spanish_gets_spanish_e_mails_and_the_spanish_letter(copil, reviewer, settings):
    settings.RELAIS_SOFFICE = "/bin/false"  # the .docx is enough here
    # a visitor reading in Spanish applies and submits: the account keeps Spanish
    client = _client_in("es")
    response = client.post(
        "/membres/adhesion/",
        {**form_data(action="submit", charter_accepted="on", statutes=pdf_upload()), **account_data(preferred_language="es")},
    )
    assert response.status_code == 302
    user = User.objects.get(email="didier@rjj.example.org")
    assert user.preferred_language == "es"
    application = MembershipApplication.objects.get()
    assert application.state == MembershipApplication.State.SUBMITTED
    relay()
    mail.outbox.clear()

    # the working group screens it, the COPIL approves
    services.application_screening_start(application_id=application.pk, by=reviewer)
    services.application_send_to_copil(application_id=application.pk, by=reviewer, recommendation="favourable")
    ballot = Ballot.objects.get(dossier_reference=application.reference, status=Ballot.Status.OPEN)
    vote_all(ballot, "approve")
    relay()

    # the e-mails to the applicant are in Spanish
    to_applicant = [m for m in mail.outbox if user.email in m.to]
    assert to_applicant
    for message in to_applicant:
        assert "expediente" in (message.subject + message.body).lower(), message.subject
        assert "dossier" not in (message.subject + message.body).lower(), message.subject
    # and so is the decision letter
    decision = Decision.objects.get(ballot=Ballot.objects.get(pk=ballot.pk))
    letter = Letter.objects.get(decision=decision)
    assert (letter.kind, letter.language) == ("membership_approved", "es")
    text = docx_text(letter.file.open("rb").read())
    assert "solicitud de adhesión" in text and decision.reference in text
    assert "Reciba un cordial saludo" in text and " de 20" in text  # "12 de marzo de 2026"


def test_an_emergency_request_made_in_spanish_gets_its_letter_in_spanish(emergency, chair, officer, settings):  # noqa: F811
    from decimal import Decimal

    from approvals.services import vote_cast
    from casework.services import case_assign, case_fast_track
    from tests.casework.factories import FundFactory

    settings.RELAIS_SOFFICE = "/bin/false"
    # a defender without an account asks for help in Spanish
    _apply(_client_in("es"))
    case = Case.objects.get()
    assert case.language == "es"
    # the chair grants it; the letter goes to the officer, who hands it over: in Spanish
    fund = FundFactory(contributions=["900000"])
    case_assign(case_id=case.pk, officer=officer, by=chair)
    case_fast_track(case_id=case.pk, by=chair, proposed_amount=Decimal("100000"), fund_id=fund.pk)
    vote_cast(ballot_id=Ballot.objects.get(dossier_reference=case.reference, status="open").pk, by=chair, choice="approve")
    relay()
    letter = Letter.objects.get(dossier_reference=case.reference, kind="emergency_granted")
    assert letter.language == "es" and officer.preferred_language == "fr"
    text = docx_text(letter.file.open("rb").read())
    assert "Apoyo de emergencia concedido" in text and "CONFIDENCIAL" in text


def test_a_portuguese_speaking_applicant_gets_the_portuguese_letter(copil, reviewer, settings):  # noqa: F811
    from tests.members.factories import ApplicationFactory
    from tests.members.test_workflow import to_copil

    settings.RELAIS_SOFFICE = "/bin/false"
    application = ApplicationFactory()
    application.owner.preferred_language = "pt"
    application.owner.save(update_fields=["preferred_language"])

    ballot = to_copil(application, reviewer)
    vote_all(ballot, "reject")
    relay()

    letter = Letter.objects.get(decision__ballot_id=ballot.pk)
    assert (letter.kind, letter.language) == ("membership_rejected", "pt")
    text = docx_text(letter.file.open("rb").read())
    assert "Decisão sobre o seu pedido de adesão" in text and "Com os melhores cumprimentos" in text
