"""The benchmark dataset generator (benchmarks/dataset.py) at a tiny scale:
what benchmarks/run loads with COPY is a valid Relais database that the
public selectors read as they would read real dossiers."""

from django.contrib.auth import get_user_model
from guardian.shortcuts import get_objects_for_user

from approvals.access import visible
from approvals.models import Committee, TimelineEntry
from approvals.registry import dossier_model_for_prefix
from benchmarks import dataset
from members.models import MembershipApplication, MembershipApplicationUserObjectPermission


def test_tiny_dataset_is_loaded_and_readable(db):
    figures = dataset.load(0.002)  # 200 dossiers

    expected = dataset.counts(0.002)
    assert figures["dossiers"] == sum(expected.values()) == 200
    for label, count in expected.items():
        model = dossier_model_for_prefix({"members.MembershipApplication": "ADH", "members.Organisation": "ORG",
                                          "grants.Opportunity": "OPP", "grants.JointProposal": "PRJ",
                                          "casework.Case": "URG"}[label])
        assert model.objects.filter(reference__startswith=f"{model.reference_prefix}-2000-").count() == count
    assert TimelineEntry.objects.filter(dossier_reference__contains="-2000-").count() == 200
    assert figures["group_rows"] == 200 * dataset.GROUPS_PER_DOSSIER

    User = get_user_model()
    applicant = User.objects.get(email=dataset.APPLICANT_EMAIL)
    first = MembershipApplication.objects.get(reference="ADH-2000-000000")
    assert first.owner == applicant
    assert MembershipApplicationUserObjectPermission.objects.filter(user=applicant, content_object=first).count() == 2

    # The viewer sees, through one group and its own rows, the same dossiers
    # whether asked through Relais or through guardian.
    viewer = User.objects.get(email=dataset.VIEWER_EMAIL)
    ours = set(visible(viewer, MembershipApplication.objects.all()).values_list("pk", flat=True))
    theirs = set(get_objects_for_user(viewer, "members.view_membershipapplication", klass=MembershipApplication).values_list("pk", flat=True))
    assert ours == theirs
    assert 0 < len(ours) < MembershipApplication.objects.count()

    copil = Committee.objects.get(code="copil")
    assert copil.members.count() == 1 + len(dataset.COMMITTEE_EMAILS)
