import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.approvals.conftest import club, copil, make_petition, relay_outbox, reviewer  # noqa: F401  (fixtures)

DOUALA = ZoneInfo("Africa/Douala")


@pytest.fixture
def in_two_weeks():
    """09:00 in Douala, fourteen days from now (08:00 UTC)."""
    day = (timezone.now() + dt.timedelta(days=14)).astimezone(DOUALA).date()
    return dt.datetime.combine(day, dt.time(9, 0), tzinfo=DOUALA)


@pytest.fixture
def make_org(db):
    from tests.members.factories import OrganisationFactory

    def make(*, focal_points=(), **fields):
        return OrganisationFactory(focal_points=list(focal_points), **fields)

    return make
