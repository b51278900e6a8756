"""What a page offers is decided once, in members.permissions, from the
transitions the reader may fire now; and the applicant's save is one service,
all or nothing."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from members import permissions, services
from members.models import MembershipApplication, Reference

pytestmark = pytest.mark.django_db

LINK_BUTTON = "C'est la même organisation : l'approbation mettra à jour cette entrée"


def text(response) -> str:
    return html.unescape(response.content.decode())


def submitted(application):
    services.application_submit(application_id=application.pk, by=application.owner)
    application.refresh_from_db()
    return application


def test_each_reader_is_offered_what_they_may_do_now(reviewer, make_application):
    # given a complete draft
    application = make_application()
    # then its applicant may edit, submit or withdraw it; the working group nothing yet
    assert permissions.application_actions(application, application.owner) == {"edit", "submit", "withdraw"}
    assert permissions.application_actions(application, reviewer) == set()
    # once submitted, the working group may start screening and link it to the directory
    submitted(application)
    assert permissions.application_actions(application, reviewer) == {"start_screening", "link"}
    assert permissions.application_actions(application, application.owner) == {"withdraw"}
    # while screened, it may also ask for information or send it to the COPIL
    services.application_screening_start(application_id=application.pk, by=reviewer)
    application.refresh_from_db()
    assert permissions.application_actions(application, reviewer) == {
        "request_information", "send_to_copil", "link",
    }
    # asked for information, the applicant edits and sends it back
    services.application_information_request(application_id=application.pk, by=reviewer, items="Le récépissé")
    application.refresh_from_db()
    assert permissions.application_actions(application, application.owner) == {"edit", "resubmit", "withdraw"}


def test_the_link_button_shows_only_while_the_application_is_screened(
    client_for, copil, reviewer, make_organisation, make_application
):
    # given a member already in the directory, and a second application of the same organisation
    make_organisation(name="Action des Femmes pour la Paix", acronym="AFP", country="GA", registration_number="")
    application = submitted(make_application())
    client = client_for(reviewer)
    # while it is screened, the group may say it is the same organisation
    page = text(client.get(application.get_absolute_url()))
    assert "Doublons possibles" in page and LINK_BUTTON in page
    assert "Transmettre au COPIL (ouvre un scrutin)" not in page  # screening not started
    # once it is with the COPIL, the duplicate is still listed, the button is gone
    services.application_screening_start(application_id=application.pk, by=reviewer)
    assert "Transmettre au COPIL (ouvre un scrutin)" in text(client.get(application.get_absolute_url()))
    services.application_send_to_copil(application_id=application.pk, by=reviewer, recommendation="favourable")
    page = text(client.get(application.get_absolute_url()))
    assert "Doublons possibles" in page and LINK_BUTTON not in page
    assert "Transmettre au COPIL (ouvre un scrutin)" not in page


def test_the_applicant_form_offers_to_send_back_only_what_was_asked_for(client_for, reviewer, make_application):
    application = make_application()
    client = client_for(application.owner)
    page = text(client.get(application.get_absolute_url()))
    assert "Soumettre" in page and "Renvoyer la demande complétée" not in page and "Retirer cette demande" in page
    submitted(application)
    services.application_screening_start(application_id=application.pk, by=reviewer)
    services.application_information_request(application_id=application.pk, by=reviewer, items="Le récépissé")
    page = text(client.get(application.get_absolute_url()))
    assert "Renvoyer la demande complétée" in page and "Votre réponse au réseau" in page and "Le récépissé" in page


def test_a_reference_no_longer_awaited_offers_no_answer(client_for, make_user, make_organisation, make_application):
    # given a reference asked of a member organisation
    focal_point = make_user("member_focal_point")
    referee = make_organisation(focal_points=[focal_point])
    application = make_application()
    Reference.objects.create(application=application, organisation=referee)
    submitted(application)
    reference = Reference.objects.get(application=application)
    client = client_for(focal_point)
    assert "Je confirme la référence" in text(client.get(f"/membres/references/{reference.pk}/"))
    # when the applicant withdraws
    services.application_withdraw(application_id=application.pk, by=application.owner)
    # then the page says so and offers no answer; an answer posted anyway changes nothing
    page = text(client.get(f"/membres/references/{reference.pk}/"))
    assert "Cette demande n'attend plus de référence." in page and "Je confirme la référence" not in page
    response = client.post(f"/membres/references/{reference.pk}/", {"answer": "confirm"})
    assert response.status_code == 400 and "Cette demande n'attend plus de référence." in text(response)
    reference.refresh_from_db()
    assert reference.status == Reference.Status.PENDING


def test_saving_an_application_is_all_or_nothing():
    # given a visitor whose draft comes with a file that is not what it claims to be
    fake = SimpleUploadedFile("statuts.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    # when it is saved
    with pytest.raises(ValidationError):
        services.application_save(
            account={"email": "nouvelle@example.org", "password": "un mot de passe solide 2026", "full_name": "Awa"},
            fields={"name": "Collectif des Juristes", "country": "CM"},
            uploads={"statutes": fake},
        )
    # then neither the account nor the draft is left behind
    assert not User.objects.filter(email="nouvelle@example.org").exists()
    assert not MembershipApplication.objects.exists()
