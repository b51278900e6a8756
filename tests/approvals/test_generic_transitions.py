"""The generic transition page (POST /dossiers/<ref>/agir/<name>/) is no way
around a domain's rules. Each kind says, in one place (its
`generic_transitions`), which transitions are bare buttons; every other
transition is refused there, whoever asks and whatever the state."""

import pytest
from django.contrib.contenttypes.models import ContentType

from approvals.models import TimelineEntry
from approvals.registry import dossier_models
from approvals.services import dossier_create, transitions_of
from members.models import MembershipApplication

pytestmark = pytest.mark.django_db

# The decision, kept beside the test: a new kind or a new generic transition
# must be added here on purpose.
GENERIC = {
    "dossiers.petition": {"submit", "send_to_committee", "withdraw"},
    "members.organisation": set(),
    "members.membershipapplication": {"start_screening", "withdraw"},
    "grants.opportunity": {"start_assessment", "propose_to_copil", "submit", "award", "decline", "drop"},
    "grants.jointproposal": {
        "start_drafting", "send_to_review", "return_to_drafting", "send_to_copil", "submit_to_donor", "award",
        "mark_not_funded", "start_implementation", "close", "abandon",
    },
    "governance.document": {"withdraw"},
    "casework.case": {"start_verification", "start_follow_up", "close", "hold", "resume", "withdraw"},
}


def test_every_kind_has_its_generic_transitions_decided_here():
    assert {model.kind_key(): set(model.generic_transitions) for model in dossier_models()} == GENERIC


def test_generic_transitions_are_real_and_never_system_only():
    for model in dossier_models():
        known = transitions_of(model)
        for name in model.generic_transitions:
            assert name in known, f"{model.kind_key()}.{name} is not a transition"
            assert not getattr(known[name], "_relais_system_only", False), f"{model.kind_key()}.{name} is system-only"


def _make(model, by):
    """One dossier of each kind, created as its services do."""
    key = model.kind_key()
    if key == "dossiers.petition":
        return dossier_create(model, by=by, title="Pétition")
    if key == "members.organisation":
        from tests.members.factories import OrganisationFactory

        return OrganisationFactory()
    if key == "members.membershipapplication":
        from tests.members.factories import ApplicationFactory

        return ApplicationFactory()
    if key == "grants.opportunity":
        from tests.grants.factories import make_opportunity

        return make_opportunity(by=by)
    if key == "grants.jointproposal":
        from grants.services import proposal_create
        from tests.grants.factories import member_with_focal_point

        lead, _focal = member_with_focal_point()
        return proposal_create(by=by, title="Projet", lead_organisation_id=lead.pk, currency="EUR")
    if key == "casework.case":
        from tests.casework.factories import make_case

        return make_case(urgency="critical")
    if key == "governance.document":
        from governance.models import WorkingGroup
        from governance.services import document_create

        group = WorkingGroup.objects.get(slug="suivi-evaluation")
        return document_create(group_id=group.pk, by=by, kind="budget", title="Budget", summary="Résumé", audience="copil")
    raise AssertionError(f"no recipe for {key}: add one")


def _cases():
    for model in sorted(dossier_models(), key=lambda m: m.kind_key()):
        for name, meta in sorted(transitions_of(model).items()):
            for source in sorted(s for s in meta.transitions if s not in ("*", "+")):
                yield pytest.param(model, name, source, id=f"{model.kind_key()}.{name}@{source}")


@pytest.mark.parametrize(("model", "name", "source"), list(_cases()))
def test_each_transition_through_the_generic_page(model, name, source, make_user, client_for, seat_committee):
    # given a dossier of this kind in the transition's source state, and the
    # most powerful person there is (every right, second factor verified)
    seat_committee("copil", members=3)
    seat_committee("emergency", members=3)
    superuser = make_user("fundraising_group", "membership_group", "emergency_chair", "case_officer",
                          is_superuser=True, is_staff=True)
    dossier = _make(model, superuser)
    model.objects.filter(pk=dossier.pk).update(state=source)
    content_type = ContentType.objects.get_for_model(model)
    entries = TimelineEntry.objects.filter(content_type=content_type, object_id=dossier.pk).count()

    # when they press it on the generic page
    response = client_for(superuser).post(f"/dossiers/{dossier.reference}/agir/{name}/")

    state = model.objects.values_list("state", flat=True).get(pk=dossier.pk)
    if name in model.generic_transitions:
        # then a generic one either happens or is refused with a reason, never a 500
        assert response.status_code in (302, 400, 403, 409), response.status_code
        if response.status_code != 302:
            assert state == source
    else:
        # then any other is refused there, and nothing at all changes
        assert response.status_code == 403
        assert "son propre formulaire" in response.content.decode()
        assert state == source
        assert TimelineEntry.objects.filter(content_type=content_type, object_id=dossier.pk).count() == entries


def test_a_membership_application_never_reaches_the_copil_without_an_opinion(make_user, client_for):
    # the case found from outside: send_to_copil through the generic page
    from tests.members.factories import ApplicationFactory

    screener = make_user("membership_group")
    application = ApplicationFactory()
    MembershipApplication.objects.filter(pk=application.pk).update(state=MembershipApplication.State.SCREENING)
    response = client_for(screener).post(f"/dossiers/{application.reference}/agir/send_to_copil/")
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.state == MembershipApplication.State.SCREENING and application.recommendation == ""
