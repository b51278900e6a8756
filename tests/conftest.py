import pytest

from tests.factories import PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Every test's private files (documents, letters) go to a throw-away
    directory: what a refused request left there, if anything, is visible."""
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return settings.PRIVATE_STORAGE_ROOT


@pytest.fixture
def make_user(db):
    """make_user("copil_member", "copil_chair", email=...) -> a user with those roles."""

    def make(*roles, **fields):
        return UserFactory(roles=list(roles), **fields)

    return make


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def client_for(db):
    """client_for(user) -> a test client signed in as user, second factor
    verified where the user's role requires one (as after a real sign-in)."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def make(user):
        client = Client()
        client.force_login(user)
        if user.needs_second_factor:
            device, _ = TOTPDevice.objects.get_or_create(user=user, name="default", defaults={"confirmed": True})
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client

    return make


def pytest_collection_modifyitems(items):
    """Every test that commits for real (threads, a worker process, a browser)
    gets its database restored afterwards, seeded rows included (roles,
    committees from data migrations), so later tests find them."""
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names is None:
            continue
        marker = item.get_closest_marker("django_db")
        commits = "transactional_db" in names or "live_server" in names or (marker and marker.kwargs.get("transaction"))
        if commits and "django_db_serialized_rollback" not in names:
            names.append("django_db_serialized_rollback")


@pytest.fixture
def seat_committee(db, make_user):
    """seat_committee("copil", members=6, chair_email=..., chair_name=...) ->
    the seeded committee with a chair and `members` more members (each a
    user with the committee's member role)."""
    from approvals.models import Committee

    roles = {
        "copil": ("copil_chair", "copil_member"),
        "emergency": ("emergency_chair", "emergency_member"),
        "membership_group": ("membership_group", "membership_group"),
        "fundraising_group": ("fundraising_group", "fundraising_group"),
    }

    def seat(code, *, members, chair_email=None, chair_name="", member_email="{code}{i}@example.org"):
        committee = Committee.objects.get(code=code)
        chair_role, member_role = roles[code]
        chair = make_user(chair_role, member_role, email=chair_email or f"chair-{code}@example.org", full_name=chair_name or "Présidence")
        seated = [make_user(member_role, email=member_email.format(code=code, i=i)) for i in range(members)]
        committee.chair = chair
        committee.save(update_fields=["chair"])
        committee.members.set([chair, *seated])
        return committee

    return seat


def pytest_sessionfinish(session, exitstatus):
    """Under bin/test (RELAIS_FULL_SUITE=1), PostgreSQL and Redis are there:
    the tests that skip without them (concurrency on PostgreSQL, the real
    worker on Redis) must run, so any skip fails the run instead of hiding."""
    import os

    if os.environ.get("RELAIS_FULL_SUITE") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and exitstatus == 0:
        reporter.write_line(f"bin/test: {len(skipped)} test(s) skipped although PostgreSQL and Redis are here: failing.", red=True)
        session.exitstatus = 1
