"""The weekly digest to the fundraising group."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.roles import Role
from approvals.services import notify

from ..models import Opportunity
from ..timezones import reader_time_zone

HORIZON = timedelta(days=30)


@transaction.atomic
def digest_send(*, now=None) -> int:
    """Tell each member of the fundraising group, once per ISO week, which
    open calls have a deadline in the next 30 days and which were spotted in
    the past week. Nothing to tell: nothing sent. Returns how many were queued."""
    now = now or timezone.now()
    year, week, _weekday = timezone.localtime(now).isocalendar()
    soon = Q(concept_note_deadline__gt=now, concept_note_deadline__lte=now + HORIZON) | Q(
        full_proposal_deadline__gt=now, full_proposal_deadline__lte=now + HORIZON
    )
    due = list(
        Opportunity.objects.filter(soon, state__in=Opportunity.OPEN_STATES)
        .select_related("funder")
        .order_by("deadline_at", "pk")[:50]
    )
    spotted = Opportunity.objects.filter(created_at__gt=now - timedelta(days=7), state__in=Opportunity.OPEN_STATES).count()
    if not due and not spotted:
        return 0
    items = []
    for opportunity in due:
        deadline = opportunity.next_deadline(now)
        items.append(
            {
                "reference": opportunity.reference,
                "title": opportunity.title,
                "funder": opportunity.funder.name,
                "deadline": deadline.isoformat() if deadline else "",
                "state": opportunity.state,
            }
        )
    queued = 0
    for user in get_user_model().objects.filter(groups__name=Role.FUNDRAISING_GROUP, is_active=True).distinct():
        queued += notify(
            [user.pk],
            "grants.weekly_digest",
            {"week": f"{year}-W{week:02d}", "items": items, "spotted": spotted, "tz": reader_time_zone(user).key},
            url="/financements/",
            key=f"grants-digest:{year}-W{week:02d}",
        )
    return queued
