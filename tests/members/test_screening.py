"""Screening by the membership working group: duplicates with their reasons,
requests for information, references, sending to the COPIL."""

import html

import pytest

from approvals.models import Ballot
from members import services
from members.duplicates import likely_duplicates, normalise_name
from members.models import MembershipApplication, Reference
from tests.members.factories import application_post_data

State = MembershipApplication.State
pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def submitted(application):
    services.application_submit(application_id=application.pk, by=application.owner)
    return application


def test_names_are_compared_without_accents_punctuation_or_legal_forms():
    assert normalise_name("Association « Droits & Libertés » (ASBL) de la Nyanga") == normalise_name(
        "droits libertes nyanga"
    )


def test_a_second_application_for_a_member_is_flagged_at_screening_with_the_reason(
    client_for, reviewer, make_organisation, make_application
):
    # given an organisation already in the directory
    member = make_organisation(name="Association des Femmes Juristes du Gabon", acronym="AFJG", country="GA",
                               email="afjg@example.org", registration_number="")
    # when a second application arrives under another spelling, with the same acronym and country
    application = submitted(make_application(name="Femmes juristes gabonaises (A.F.J.G.)", acronym="A.F.J.G.", country="GA"))
    page = text(client_for(reviewer).get(application.get_absolute_url()))
    # then screening lists the directory entry as a likely duplicate, and says why
    assert "Doublons possibles" in page
    assert member.reference in page and "Association des Femmes Juristes du Gabon" in page
    assert "Même sigle « AFJG » dans le même pays" in page


def test_same_acronym_in_another_country_is_not_a_duplicate(make_organisation, make_application):
    make_organisation(name="Action pour la Paix", acronym="AFP", country="CD", registration_number="")
    application = make_application(acronym="AFP", country="GA")
    assert likely_duplicates(application) == []


def test_similar_name_registration_email_and_phone_are_reasons(make_organisation, make_application):
    member = make_organisation(
        name="Action des Femmes pour la Paix", acronym="ADFP", country="GA",
        registration_number="N° 123/MI/DGAPJ", email="contact@afp.example.org", phone="+241 07 11 22 33",
    )
    application = make_application(
        name="ACTION DES FEMMES POUR LA PAIX (ONG)", acronym="AFP", registration_number="n°123 / MI / DGAPJ",
        email="Contact@AFP.example.org", phone="07 11 22 33",
    )
    [candidate] = likely_duplicates(application)
    assert candidate.obj == member
    reasons = " / ".join(str(reason) for reason in candidate.reasons)
    assert "Nom semblable (100 % de ressemblance, même pays)" in reasons
    assert "Même numéro de récépissé" in reasons and "Même adresse e-mail" in reasons and "Même numéro de téléphone" in reasons


def test_registration_number_is_unique_per_country_in_the_database(make_organisation):
    from django.db import IntegrityError, transaction

    make_organisation(country="CM", registration_number="N° 1/RDA")
    make_organisation(country="GA", registration_number="N° 1/RDA")  # another country: allowed
    make_organisation(country="CM", registration_number="")
    make_organisation(country="CM", registration_number="")  # no number: allowed, many times
    with pytest.raises(IntegrityError), transaction.atomic():
        make_organisation(country="CM", registration_number="N° 1/RDA")


def test_the_reviewer_asks_for_information_and_the_applicant_sees_the_items(client_for, reviewer, make_application):
    application = submitted(make_application())
    reviewer_client = client_for(reviewer)
    reviewer_client.post(f"/dossiers/{application.reference}/agir/start_screening/")
    response = reviewer_client.post(
        f"/membres/adhesion/{application.reference}/informations/",
        {"items": "Le procès-verbal de l'assemblée générale\nLe rapport d'activité 2025", "comment": "Pièces manquantes"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == State.INFORMATION_REQUESTED
    page = text(client_for(application.owner).get(application.get_absolute_url()))
    assert "Le procès-verbal de l'assemblée générale" in page and "Renvoyer la demande complétée" in page
    assert "Pièces manquantes" not in page  # internal note


def test_an_empty_information_request_changes_nothing(client_for, reviewer, make_application):
    application = submitted(make_application())
    services.application_screening_start(application_id=application.pk, by=reviewer)
    response = client_for(reviewer).post(f"/membres/adhesion/{application.reference}/informations/", {"items": "  \n "})
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.state == State.SCREENING


def test_an_applicant_cannot_screen_nor_see_another_application(client_for, reviewer, make_application, make_user):
    application = submitted(make_application())
    services.application_screening_start(application_id=application.pk, by=reviewer)
    other = make_user("applicant")
    assert client_for(other).get(application.get_absolute_url()).status_code == 404
    response = client_for(application.owner).post(
        f"/membres/adhesion/{application.reference}/copil/", {"recommendation": "favourable"}
    )
    assert response.status_code == 403
    assert not Ballot.objects.exists()


def test_sending_to_the_copil_opens_a_ballot(client_for, copil, reviewer, make_application):
    application = submitted(make_application())
    client = client_for(reviewer)
    client.post(f"/dossiers/{application.reference}/agir/start_screening/")
    response = client.post(
        f"/membres/adhesion/{application.reference}/copil/", {"recommendation": "favourable", "reasons": "Dossier solide"}
    )
    assert response.status_code == 302
    ballot = Ballot.objects.get(dossier_reference=application.reference)
    assert ballot.committee == copil and ballot.is_open and "favorable" in ballot.question


def test_referee_focal_points_confirm_from_their_own_account(client_for, make_user, make_organisation, make_application):
    focal_point = make_user("member_focal_point")
    referee = make_organisation(name="Ligue Tchadienne des Droits de l'Homme", acronym="LTDH", focal_points=[focal_point])
    application = make_application()
    response = client_for(application.owner).post(
        application.get_absolute_url(), application_post_data(application, referees=[str(referee.pk)])
    )
    assert response.status_code == 302
    reference = Reference.objects.get(application=application)
    # not asked before submission
    assert "Action des Femmes" not in text(client_for(focal_point).get("/"))
    submitted(application)
    # the focal point sees it at home, then confirms
    client = client_for(focal_point)
    home = text(client.get("/"))
    assert "Références à confirmer" in home and "Action des Femmes pour la Paix" in home
    response = client.post(f"/membres/references/{reference.pk}/", {"answer": "confirm", "comment": "Partenaire connu"})
    assert response.status_code == 302
    reference.refresh_from_db()
    assert reference.status == Reference.Status.CONFIRMED and reference.answered_by == focal_point
    # someone else cannot answer for that organisation
    assert client_for(make_user("member_focal_point")).get(f"/membres/references/{reference.pk}/").status_code == 404


def test_home_lists_applications_to_screen_and_mine(client_for, reviewer, make_application):
    application = submitted(make_application())
    assert application.reference in text(client_for(reviewer).get("/"))
    mine = text(client_for(application.owner).get("/"))
    assert "Mes demandes" in mine and application.reference in mine and "Reçue" in mine


@pytest.mark.parametrize("count", [5, 50])
def test_the_applications_list_costs_the_same_few_queries(client_for, reviewer, make_application, django_assert_max_num_queries, count):
    for _ in range(count):
        make_application(statutes=False)
    client = client_for(reviewer)
    with django_assert_max_num_queries(12):
        response = client.get("/membres/demandes/?etat=draft")
    assert text(response).count("ADH-") >= count
