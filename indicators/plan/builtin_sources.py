"""The sources Relais computes from its own data (registered at start-up,
by IndicatorsConfig.ready)."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approvals.models import Meeting
from casework.models import Case
from grants.models import Funder, Opportunity
from members.models import Organisation

from ..periods import Period
from ..tables import SMALL_CELL
from .sources import register_source


def _meetings_held(period: Period, kinds, *, committee: str | None = None) -> int:
    """Meetings of these kinds held in the period: a meeting counts once its day has come."""
    end = min(period.end, timezone.localdate() + timedelta(days=1))
    meetings = Meeting.objects.filter(kind__in=kinds, date__gte=period.start, date__lt=end)
    return (meetings.filter(committee__code=committee) if committee else meetings).count()


@register_source("copil_meetings", _("Réunions du COPIL tenues"), unit=_("réunions"))
def copil_meetings(period: Period) -> int:
    return _meetings_held(period, [Meeting.Kind.QUARTERLY, Meeting.Kind.EXTRAORDINARY], committee="copil")


@register_source("general_assemblies", _("Assemblées générales tenues"), unit=_("assemblées"))
def general_assemblies(period: Period) -> int:
    return _meetings_held(period, [Meeting.Kind.GENERAL_ASSEMBLY])


@register_source("members_in_good_standing", _("Organisations membres en règle (statut actuel, entrées avant la fin de la période)"), unit=_("organisations"))
def members_in_good_standing(period: Period) -> int:
    return Organisation.objects.active().filter(Q(joined_on__isnull=True) | Q(joined_on__lt=period.end)).count()


@register_source("members_joined", _("Organisations devenues membres"), unit=_("organisations"))
def members_joined(period: Period) -> int:
    return Organisation.objects.filter(joined_on__gte=period.start, joined_on__lt=period.end).count()


@register_source("opportunities_identified", _("Opportunités de financement repérées"), unit=_("opportunités"))
def opportunities_identified(period: Period) -> int:
    start, end = period.bounds()
    return Opportunity.objects.filter(created_at__gte=start, created_at__lt=end).count()


@register_source("funder_map_updated", _("Cartographie des bailleurs actualisée (1 si un bailleur a été ajouté ou mis à jour)"))
def funder_map_updated(period: Period) -> int:
    start, end = period.bounds()
    return int(Funder.objects.filter(Q(updated_at__gte=start, updated_at__lt=end) | Q(created_at__gte=start, created_at__lt=end)).exists())


@register_source("emergency_decided_in_time", _("Demandes d'aide d'urgence décidées dans les délais (24 h, 72 h, 10 jours)"), unit="%")
def emergency_decided_in_time(period: Period) -> Decimal | None:
    """The share (%) of cases decided in the period within their urgency's
    delay from receipt. None under SMALL_CELL decisions: a share of one or
    two people at risk is not shown."""
    start, end = period.bounds()
    decided = list(Case.objects.filter(decided_at__gte=start, decided_at__lt=end).values_list("urgency", "received_at", "decided_at"))
    if len(decided) < SMALL_CELL:
        return None
    in_time = sum(1 for urgency, received, at in decided if at <= received + Case.decision_delay(urgency))
    return (Decimal(100) * in_time / len(decided)).quantize(Decimal("0.1"))
