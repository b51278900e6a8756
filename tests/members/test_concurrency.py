"""Double clicks and simultaneous answers on PostgreSQL: done once."""

import pytest
from django.db import connection

from approvals.models import TimelineEntry
from members import services
from members.models import MembershipApplication, Reference
from tests.approvals.test_concurrency import run_at_once
from tests.factories import UserFactory
from tests.members.factories import ApplicationFactory, OrganisationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row-lock concurrency is proven on PostgreSQL (bin/test)"),
]


def test_submitting_twice_at_once_submits_once(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    application = ApplicationFactory()
    results = run_at_once(
        5, lambda i: services.application_submit(application_id=application.pk, by=application.owner)
    )
    assert sum(1 for result in results if isinstance(result, MembershipApplication)) == 1
    assert TimelineEntry.objects.filter(dossier_reference=application.reference, transition="submit").count() == 1


def test_two_focal_points_answering_at_once_record_one_answer(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    first, second = UserFactory(roles=["member_focal_point"]), UserFactory(roles=["member_focal_point"])
    referee = OrganisationFactory(focal_points=[first, second])
    application = ApplicationFactory()
    Reference.objects.create(application=application, organisation=referee)
    services.application_submit(application_id=application.pk, by=application.owner)
    reference = Reference.objects.get()
    people = [first, second]
    results = run_at_once(
        2, lambda i: services.reference_answer(reference_id=reference.pk, by=people[i], confirm=i == 0)
    )
    assert sum(1 for result in results if isinstance(result, Reference)) == 1
    reference.refresh_from_db()
    assert reference.status != Reference.Status.PENDING
    events = TimelineEntry.objects.filter(dossier_reference=application.reference, comment__startswith="Référence de")
    assert events.count() == 1
