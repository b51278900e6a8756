import pytest

from approvals.access import visible
from approvals.models import TimelineEntry
from approvals.services import TransitionRefused, perform
from tests.dossiers.models import Petition


def test_without_the_right_the_view_says_403_and_nothing_changes(make_petition, make_user, client_for):
    petition = make_petition()
    perform(petition, "submit", by=petition.owner)
    stranger = make_user("membership_group")  # may see nothing of this petition
    stranger_with_view = make_user("membership_group")
    from approvals.access import grant

    grant(stranger_with_view, petition, "view")
    steps_before = TimelineEntry.objects.filter(dossier_reference=petition.reference).count()

    # a user who cannot even see it: 404, existence not leaked
    assert client_for(stranger).post(f"/dossiers/{petition.reference}/agir/send_to_committee/").status_code == 404
    # a user who can see it but may not act: 403 with the reason
    response = client_for(stranger_with_view).post(f"/dossiers/{petition.reference}/agir/send_to_committee/")
    assert response.status_code == 403
    assert "pas le droit" in response.content.decode()
    # the service says the same
    with pytest.raises(TransitionRefused) as refused:
        perform(petition, "send_to_committee", by=stranger_with_view)
    assert refused.value.status == 403

    petition.refresh_from_db()
    assert petition.state == Petition.State.SUBMITTED
    assert TimelineEntry.objects.filter(dossier_reference=petition.reference).count() == steps_before


def test_anonymous_visitors_are_sent_to_sign_in(make_petition, client):
    petition = make_petition()
    for url in (f"/dossiers/{petition.reference}/", "/scrutins/", "/boite/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/compte/connexion/")
    response = client.post(f"/dossiers/{petition.reference}/agir/submit/")
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.state == Petition.State.DRAFT


def test_a_transition_impossible_from_this_state_is_refused_with_a_reason(make_petition, client_for):
    petition = make_petition()
    response = client_for(petition.owner).post(f"/dossiers/{petition.reference}/agir/withdraw/")
    assert response.status_code == 302
    response = client_for(petition.owner).post(f"/dossiers/{petition.reference}/agir/submit/")
    assert response.status_code == 409
    assert "Retirée" in response.content.decode()


def test_system_only_transitions_cannot_be_fired_by_people(make_petition, make_user, client_for, reviewer):
    petition = make_petition()
    perform(petition, "submit", by=petition.owner)
    perform(petition, "send_to_committee", by=reviewer)
    superuser = make_user(is_superuser=True, is_staff=True)
    response = client_for(superuser).post(f"/dossiers/{petition.reference}/agir/approve/")
    assert response.status_code == 403
    petition.refresh_from_db()
    assert petition.state == Petition.State.REVIEW


def test_state_cannot_be_assigned_by_hand(make_petition):
    petition = make_petition()
    with pytest.raises(AttributeError):
        petition.state = Petition.State.APPROVED


def test_timeline_entries_are_immutable(make_petition):
    petition = make_petition()
    entry = TimelineEntry.objects.filter(dossier_reference=petition.reference).first()
    entry.comment = "rewritten"
    with pytest.raises(Exception):
        entry.save()
    with pytest.raises(Exception):
        entry.delete()


def _bulk_petitions(owner, count, *, visible_every=2):
    from django.contrib.auth.models import Permission
    from tests.dossiers.models import PetitionUserObjectPermission

    start = Petition.objects.count()
    petitions = Petition.objects.bulk_create(
        [Petition(reference=f"TST-1999-{start + i:05d}", title=f"P{i}") for i in range(count)]
    )
    view = Permission.objects.get(codename="view_petition")
    PetitionUserObjectPermission.objects.bulk_create(
        [PetitionUserObjectPermission(user=owner, permission=view, content_object=p) for p in petitions[::visible_every]]
    )


def test_listing_visible_dossiers_costs_the_same_queries_for_10_and_1000(make_user, django_assert_num_queries):
    owner = make_user("applicant")
    other = make_user("applicant")
    _bulk_petitions(owner, 10)

    def list_them(user):
        user = type(user).objects.get(pk=user.pk)  # fresh, no permission cache
        return [p.reference for p in visible(user, Petition.objects.order_by("reference"))]

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert len(list_them(owner)) == 5
    _bulk_petitions(owner, 1000)
    with CaptureQueriesContext(connection) as large:
        assert len(list_them(owner)) == 505
    assert len(large.captured_queries) == len(small.captured_queries)
    assert list_them(other) == []
