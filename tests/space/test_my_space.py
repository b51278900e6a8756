"""Mon espace: each applicant dossier with its public state, what is expected
and by when, its public steps; a resubmission shows the reviewer what changed."""

import pytest
from django.core import mail

from approvals.models import DossierMessage, Notification
from approvals.services import TransitionRefused, message_post, perform, relay
from grants.services import proposal_create, proposal_partner_add
from members.services import application_update
from tests.grants.factories import member_with_focal_point
from tests.members.factories import ApplicationFactory


def test_the_applicant_sees_each_public_state_and_what_is_expected(client_for, reviewer):
    # given a submitted application
    application = ApplicationFactory(name="Association Lumière")
    applicant = application.owner
    perform(application, "submit", by=applicant)
    client = client_for(applicant)
    assert "Reçue" in client.get("/mon-espace/").content.decode()

    # when screening asks for information
    perform(application, "start_screening", by=reviewer, comment="Note interne du groupe")
    perform(application, "request_information", by=reviewer, items=["Le rapport 2025"])
    page = client.get("/mon-espace/").content.decode()

    # then the space shows the public state, the task and its deadline, never internal notes
    assert "Informations demandées" in page
    assert "Complétez les éléments demandés et renvoyez la demande." in page
    assert "avant le" in page
    assert "Note interne du groupe" not in page
    assert "En cours d&#x27;examen" in page or "En cours d'examen" in page  # the screening step, public label


def test_the_reviewer_sees_exactly_what_changed_at_resubmission(client_for, reviewer):
    # given an application under an information request
    application = ApplicationFactory(name="Association Lumière", phone="+241 01 00 00 00", city="Libreville")
    applicant = application.owner
    perform(application, "submit", by=applicant)
    perform(application, "start_screening", by=reviewer)
    perform(application, "request_information", by=reviewer, items=["Votre numéro de téléphone"])

    # when the applicant changes the phone and resubmits
    application_update(application_id=application.pk, by=applicant, fields={"phone": "+241 07 77 77 77"})
    entry = perform(application, "resubmit", by=applicant)

    # then the step records that change, and only it
    assert [change["field"] for change in entry.changes] == ["phone"]
    assert entry.changes[0]["before"] == "+241 01 00 00 00" and entry.changes[0]["after"] == "+241 07 77 77 77"
    page = client_for(reviewer).get(application.get_absolute_url()).content.decode()
    assert "Ce qui a changé" in page and "+241 07 77 77 77" in page and "+241 01 00 00 00" in page
    # and the applicant's public view carries no such detail
    assert "Ce qui a changé" not in client_for(applicant).get(f"/dossiers/{application.reference}/").content.decode()


def test_a_partner_added_later_is_asked_to_confirm_in_its_space(client_for, fundraiser):
    lead, _lead_focal = member_with_focal_point(email="lead@example.org")
    partner, first_focal = member_with_focal_point(email="partner@example.org", country="GA")
    proposal = proposal_create(by=fundraiser, title="Projet Horizon", lead_organisation_id=lead.pk, currency="XAF")
    proposal_partner_add(reference=proposal.reference, by=fundraiser, organisation_id=partner.pk, role="Suivi", budget_share_percent=25)
    # when a second focal point joins the partner after it was added
    from tests.factories import UserFactory

    late = UserFactory(roles=["member_focal_point"], email="late@example.org")
    partner.focal_points.add(late)
    client = client_for(late)
    # then it reads the proposal and is asked to confirm
    assert "Confirmez la participation de votre organisation." in client.get("/mon-espace/").content.decode()
    assert client.get(proposal.get_absolute_url()).status_code == 200


def _applications(count, owner):
    for index in range(count):
        application = ApplicationFactory(owner=owner, name=f"Association {index}", statutes=False)
        message_post(dossier=application, by=owner, body=f"Bonjour {index}")


@pytest.mark.parametrize("count", [3, 15])
def test_my_space_costs_the_same_queries_for_3_or_15_dossiers(count, make_user, client_for, django_assert_max_num_queries):
    owner = make_user("applicant", "member_focal_point", email="many@example.org")
    _applications(count, owner)
    client = client_for(owner)
    client.get("/mon-espace/")
    with django_assert_max_num_queries(16):
        response = client.get("/mon-espace/")
    assert response.content.decode().count('class="card space-item"') == count


def test_a_message_notifies_the_other_side_without_its_text(client_for, reviewer, django_capture_on_commit_callbacks):
    application = ApplicationFactory(name="Association Lumière")
    applicant = application.owner
    perform(application, "submit", by=applicant)
    perform(application, "start_screening", by=reviewer)
    mail.outbox.clear()
    # when the applicant writes
    response = client_for(applicant).post(f"/dossiers/{application.reference}/messages/", {"body": "Notre trésorier a changé."})
    assert response.status_code == 302
    relay()
    # then the reviewer is told there is a message, not what it says
    notice = Notification.objects.get(recipient=reviewer, dossier_reference=application.reference, subject__contains="message")
    assert "trésorier" not in notice.body
    sent = [m for m in mail.outbox if reviewer.email in m.to]
    assert sent and all("trésorier" not in m.body and "trésorier" not in m.subject for m in sent)
    # and the reviewer reads it on the dossier's page and answers
    page = client_for(reviewer).get(application.get_absolute_url()).content.decode()
    assert "Notre trésorier a changé." in page
    client_for(reviewer).post(f"/dossiers/{application.reference}/messages/", {"body": "Merci, c'est noté."})
    relay()
    assert Notification.objects.filter(recipient=applicant, subject__contains="message").exists()


def test_an_emergency_case_has_no_message_thread_either_way(client_for, emergency, make_user):
    # its referrer follows the status only, so no one writes to or about it
    from tests.space.factories import referred_case

    a = referred_case(tag="Gamma", handler=None)
    for author in (a["user"], emergency.chair):
        with pytest.raises(TransitionRefused) as refused:
            message_post(dossier=a["dossier"], by=author, body="Des nouvelles ?")
        assert refused.value.status == 404
    relay()
    assert not DossierMessage.objects.filter(dossier_reference=a["dossier"].reference).exists()
    assert not Notification.objects.filter(subject__contains="message").exists()


def test_an_empty_or_too_long_message_changes_nothing(client_for):
    application = ApplicationFactory()
    client = client_for(application.owner)
    assert client.post(f"/dossiers/{application.reference}/messages/", {"body": "   "}).status_code == 400
    assert client.post(f"/dossiers/{application.reference}/messages/", {"body": "x" * 5001}).status_code == 400
    assert DossierMessage.objects.count() == 0


def test_posting_is_rate_limited(settings):
    settings.RELAIS_MESSAGE_RATE = "3/3600"
    application = ApplicationFactory()
    for index in range(3):
        message_post(dossier=application, by=application.owner, body=f"Message {index}")
    with pytest.raises(TransitionRefused) as refused:
        message_post(dossier=application, by=application.owner, body="Un de trop")
    assert refused.value.status == 429
    assert DossierMessage.objects.count() == 3


def test_a_focal_point_named_after_the_decision_downloads_the_letter(client_for, fundraiser):
    from tests.factories import UserFactory
    from tests.space.factories import proposal_dossier

    # given a proposal with a letter, and a focal point named afterwards
    given = proposal_dossier(tag="Tard", handler=fundraiser)
    organisation = given["dossier"].lead_organisation
    late = UserFactory(roles=["member_focal_point"], email="tard-arrive@example.org")
    organisation.focal_points.add(late)
    client = client_for(late)
    # then the letter is listed in their space and downloads
    space = client.get("/mon-espace/").content.decode()
    letter = given["letter"]
    assert letter.reference in space
    assert client.get(letter.get_absolute_url()).status_code == 200
    # and someone of another organisation still cannot
    stranger = UserFactory(roles=["member_focal_point"], email="autre@example.org")
    assert client_for(stranger).get(letter.get_absolute_url()).status_code in (403, 404)
