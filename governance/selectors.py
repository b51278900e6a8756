"""Governance reads."""

from django.db.models import Q
from django.utils import timezone

from approvals.models import Meeting
from members.models import Organisation


def meetings_held(*, period, kind=None) -> int:
    """How many meetings took place in `period` (indicators.periods.Period:
    dates [start, end)), of one kind or of a list of kinds, or all; a
    meeting counts once its date has come."""
    today = timezone.localdate()
    meetings = Meeting.objects.filter(date__gte=period.start, date__lt=period.end, date__lte=today)
    if kind is not None:
        kinds = [kind] if isinstance(kind, str) else list(kind)
        meetings = meetings.filter(kind__in=kinds)
    return meetings.count()


def plenary_meetings_for(user):
    """Plenaries and General Assemblies, for anyone in their audience: the
    members' focal points, the committees, the secretariat."""
    plenaries = Meeting.objects.filter(kind__in=list(Meeting.PLENARY_KINDS)).select_related("committee")
    if not user.is_authenticated:
        return plenaries.none()
    if user.has_perm("approvals.view_meetingballot") or user.has_perm("governance.view_assembly"):
        return plenaries.order_by("-date", "-id")
    allowed = Q(committee__chair=user) | Q(committee__members=user)
    if Organisation.objects.filter(state__in=["active", "suspended"], focal_points=user).exists():
        allowed |= Q(pk__isnull=False)
    allowed |= Q(assembly__delegations__delegate=user)
    return plenaries.filter(allowed).distinct().order_by("-date", "-id")
