"""The membership workflow, through the services and the engine."""

import pytest

from approvals.models import Ballot, Decision, TimelineEntry
from approvals.services import TransitionRefused, perform, vote_cast
from members import services
from members.models import MembershipApplication, Organisation, Reference

State = MembershipApplication.State


def vote_all(ballot, choice, *, except_ids=()):
    for seat in ballot.seats.filter(recused_at__isnull=True).exclude(member_id__in=except_ids).select_related("member"):
        ballot.refresh_from_db()
        if not ballot.is_open:
            break
        vote_cast(ballot_id=ballot.pk, by=seat.member, choice=choice)


def to_copil(application, reviewer):
    services.application_submit(application_id=application.pk, by=application.owner)
    services.application_screening_start(application_id=application.pk, by=reviewer)
    services.application_send_to_copil(application_id=application.pk, by=reviewer, recommendation="favourable")
    return Ballot.objects.get(dossier_reference=application.reference, status=Ballot.Status.OPEN)


def test_approval_creates_the_directory_entry_with_the_applicant_as_focal_point(copil, reviewer, make_application):
    # given a complete application screened and sent to the COPIL
    application = make_application()
    ballot = to_copil(application, reviewer)

    # when the COPIL approves
    vote_all(ballot, "approve")

    # then the application is approved and the organisation is an active member
    application.refresh_from_db()
    assert application.state == State.APPROVED
    organisation = application.organisation
    assert organisation.state == Organisation.State.ACTIVE and organisation.status == "active"
    assert organisation.name == "Action des Femmes pour la Paix" and organisation.country == "GA"
    assert list(organisation.focal_points.all()) == [application.owner]
    assert application.owner.has_role("member_focal_point")
    assert [d.code for d in organisation.domains.all()] == ["womens-rights"]
    assert organisation.reference.startswith("ORG-")
    # and the organisation's timeline says why it exists
    decision = Decision.objects.get(ballot=ballot)
    events = TimelineEntry.objects.filter(dossier_reference=organisation.reference).values_list("comment", flat=True)
    assert any(decision.reference in comment and application.reference in comment for comment in events)


def test_rejection_leaves_the_directory_alone_and_names_the_letter(copil, reviewer, make_application):
    application = make_application()
    ballot = to_copil(application, reviewer)
    vote_all(ballot, "reject")
    application.refresh_from_db()
    assert application.state == State.REJECTED
    assert application.organisation is None
    assert Organisation.objects.count() == 0
    decision = Decision.objects.get(ballot=ballot)
    assert application.letter_kind(decision) == "membership_rejected"
    context = application.letter_context(decision)
    assert context["organisation_name"] == "Action des Femmes pour la Paix"
    assert context["country"] == "Gabon"
    assert context["reasons"]
    assert {"recipient_name", "dossier_reference", "dossier_title", "organisation_acronym"} <= set(context)


def test_information_requested_then_resubmitted_returns_to_screening(reviewer, make_application):
    application = make_application()
    services.application_submit(application_id=application.pk, by=application.owner)
    services.application_screening_start(application_id=application.pk, by=reviewer)
    services.application_information_request(
        application_id=application.pk, by=reviewer, items=["Le rapport d'activité 2025", "Le PV de l'AG"]
    )
    application.refresh_from_db()
    assert application.state == State.INFORMATION_REQUESTED
    assert application.requested_items == ["Le rapport d'activité 2025", "Le PV de l'AG"]
    services.application_submit(application_id=application.pk, by=application.owner, comment="Voici le rapport.")
    application.refresh_from_db()
    assert application.state == State.SCREENING


def test_an_incomplete_draft_cannot_be_submitted_and_says_what_is_missing(make_application):
    application = make_application(charter_accepted_at=None, no_registration_reason="", statutes=False)
    with pytest.raises(TransitionRefused) as refused:
        services.application_submit(application_id=application.pk, by=application.owner)
    assert "charte" in refused.value.reason and "récépissé" in refused.value.reason and "statuts" in refused.value.reason
    application.refresh_from_db()
    assert application.state == State.DRAFT


def test_a_reviewer_cannot_submit_or_withdraw_for_the_applicant(reviewer, make_application):
    application = make_application()
    with pytest.raises(TransitionRefused):
        perform(application, "submit", by=reviewer)
    with pytest.raises(TransitionRefused):
        perform(application, "withdraw", by=reviewer)
    application.refresh_from_db()
    assert application.state == State.DRAFT


def test_withdrawing_during_the_copil_ballot_cancels_it(copil, reviewer, make_application):
    application = make_application()
    ballot = to_copil(application, reviewer)
    services.application_withdraw(application_id=application.pk, by=application.owner)
    ballot.refresh_from_db()
    application.refresh_from_db()
    assert application.state == State.WITHDRAWN
    assert ballot.status == Ballot.Status.CANCELLED


def test_a_referee_focal_point_is_recused_from_the_copil_ballot(copil, reviewer, make_application, make_organisation):
    # given a COPIL member who acts for a member organisation the applicant names as referee
    referee_member = copil.members.exclude(pk=copil.chair_id).first()
    referee = make_organisation(focal_points=[referee_member])
    application = make_application()
    Reference.objects.create(application=application, organisation=referee)
    # when the application reaches the COPIL
    ballot = to_copil(application, reviewer)
    # then that member is recused automatically
    assert list(ballot.seats.filter(recused_at__isnull=False).values_list("member_id", flat=True)) == [referee_member.pk]
    # and the referee was asked, and may confirm
    reference = Reference.objects.get(application=application)
    assert reference.requested_at is not None
    services.reference_answer(reference_id=reference.pk, by=referee_member, confirm=True, comment="Partenaire depuis 2019")
    reference.refresh_from_db()
    assert reference.status == Reference.Status.CONFIRMED


def test_approval_reactivates_a_former_member_linked_at_screening(copil, reviewer, make_application, make_organisation):
    former = make_organisation(name="Action des Femmes pour la Paix", acronym="AFP", country="GA", state="withdrawn")
    application = make_application()
    services.application_submit(application_id=application.pk, by=application.owner)
    services.application_screening_start(application_id=application.pk, by=reviewer)
    services.application_link_organisation(application_id=application.pk, by=reviewer, organisation_id=former.pk)
    services.application_send_to_copil(application_id=application.pk, by=reviewer, recommendation="favourable")
    ballot = Ballot.objects.get(dossier_reference=application.reference, status=Ballot.Status.OPEN)
    vote_all(ballot, "approve")
    former.refresh_from_db()
    assert former.state == Organisation.State.ACTIVE
    assert Organisation.objects.count() == 1
    assert application.owner in former.focal_points.all()


def test_member_lifecycle_runs_through_copil_ballots(copil, reviewer, make_organisation, make_user):
    focal_point = make_user("member_focal_point")
    organisation = make_organisation(focal_points=[focal_point])
    ballot = services.organisation_lifecycle_propose(
        organisation_id=organisation.pk, by=reviewer, action="suspend", reason="Cotisations impayées depuis 2 ans"
    )
    vote_all(ballot, "approve")
    organisation.refresh_from_db()
    assert organisation.state == Organisation.State.SUSPENDED
    ballot = services.organisation_lifecycle_propose(
        organisation_id=organisation.pk, by=reviewer, action="reinstate", reason="Cotisations réglées"
    )
    vote_all(ballot, "approve")
    organisation.refresh_from_db()
    assert organisation.state == Organisation.State.ACTIVE
    ballot = services.organisation_lifecycle_propose(
        organisation_id=organisation.pk, by=reviewer, action="exclude", reason="Violation grave de la charte"
    )
    vote_all(ballot, "reject")
    organisation.refresh_from_db()
    assert organisation.state == Organisation.State.ACTIVE
    transitions = list(
        TimelineEntry.objects.filter(dossier_reference=organisation.reference, kind="transition").values_list(
            "transition", flat=True
        )
    )
    assert transitions == ["suspend", "reinstate"]
    # a focal point may only propose their own organisation's withdrawal
    with pytest.raises(TransitionRefused):
        services.organisation_lifecycle_propose(organisation_id=organisation.pk, by=focal_point, action="exclude", reason="x")
    ballot = services.organisation_lifecycle_propose(
        organisation_id=organisation.pk, by=focal_point, action="withdraw", reason="Dissolution votée par notre AG"
    )
    vote_all(ballot, "approve")
    organisation.refresh_from_db()
    focal_point = type(focal_point).objects.get(pk=focal_point.pk)
    assert organisation.state == Organisation.State.WITHDRAWN
    # its focal point is no longer a member reader
    assert not focal_point.has_role("member_focal_point")
