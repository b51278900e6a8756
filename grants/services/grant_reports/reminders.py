"""Reminders of reports due to the donor: 30, 14 and 7 days before, then once
overdue. Each (report, step) is notified once, however often the task runs
(the outbox's key), and only the latest step reached is sent: a report
scheduled 10 days ahead gets the 7-day reminder, not three at once."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from approvals.services import notify

from ...models.grant_reports import DonorReport

STEPS = (30, 14, 7)


def report_responsible_ids(report) -> set[int]:
    """The lead organisation's focal points, and the report's organisation's."""
    organisation_ids = {report.agreement.proposal.lead_organisation_id, report.organisation_id} - {None}
    return set(
        get_user_model().objects.filter(organisations__in=organisation_ids, is_active=True).values_list("pk", flat=True)
    )


def _step(days_left: int) -> str | None:
    if days_left < 0:
        return "overdue"
    reached = [step for step in STEPS if days_left <= step]
    return f"d{min(reached)}" if reached else None


@transaction.atomic
def report_reminders_send(*, today=None) -> int:
    """Returns how many notifications were newly queued."""
    today = today or timezone.localdate()
    queued = 0
    reports = DonorReport.objects.filter(
        state__in=DonorReport.OPEN_STATES, due_on__lte=today + timedelta(days=max(STEPS))
    ).select_related("agreement__proposal", "period")
    for report in reports:
        days_left = (report.due_on - today).days
        step = _step(days_left)
        if step is None:
            continue
        code = "grants.report_overdue" if step == "overdue" else "grants.report_due"
        queued += notify(
            report_responsible_ids(report),
            code,
            {
                "report": str(report),
                "project": report.agreement.proposal.title,
                "due": report.due_on.isoformat(),
                "days": max(days_left, 0),
            },
            url=reverse("grants:agreement-report", kwargs={"pk": report.agreement_id, "report_pk": report.pk}),
            key=f"grants-report:{report.pk}:{report.due_on.isoformat()}:{step}",
        )
    return queued
