import pytest

from approvals.models import Committee


@pytest.fixture
def emergency(db, make_user):
    """The emergency committee: a chair and three members."""
    committee = Committee.objects.get(code="emergency")
    chair = make_user("emergency_chair", email="chair.urgence@example.org")
    members = [make_user("emergency_member", email=f"urgence{i}@example.org") for i in range(3)]
    committee.chair = chair
    committee.save()
    committee.members.set([chair, *members])
    return committee


@pytest.fixture
def chair(emergency):
    return emergency.chair


@pytest.fixture
def committee_members(emergency):
    return list(emergency.members.exclude(pk=emergency.chair_id).order_by("email"))


@pytest.fixture
def officer(make_user):
    return make_user("case_officer", email="officer@example.org", country="CG")


@pytest.fixture
def relay_outbox():
    from approvals.services import relay

    return relay


