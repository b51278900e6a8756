"""Results against the logical framework: actual values per indicator,
reporting period and organisation, validated by the lead."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...models import LogframeItem
from ...models.grant_reports import IndicatorResult, ReportingPeriod
from ...report_access import scope_for
from .expenses import _acting_for, _require_open


def _require_manager(by, agreement):
    scope = scope_for(by, agreement)
    if scope is None or not scope.manages:
        raise PermissionDenied(_("Seuls le groupe Recherche de financement et la cheffe de file gèrent cet accord."))
    return scope


@transaction.atomic
def reporting_period_add(*, agreement, by, label: str, starts_on, ends_on) -> ReportingPeriod:
    _require_manager(by, agreement)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("La fin de la période précède son début.")})
    if agreement.reporting_periods.filter(label=label).exists():
        raise ValidationError({"label": _("Une période porte déjà ce nom.")})
    return ReportingPeriod.objects.create(agreement=agreement, label=label, starts_on=starts_on, ends_on=ends_on)


@transaction.atomic
def result_record(*, agreement, by, indicator_id: int, period_id: int, organisation_id: int, value: str, comment="") -> IndicatorResult:
    """Enter (or correct) an organisation's value; a corrected value is validated again."""
    if organisation_id not in _acting_for(by, agreement):
        raise PermissionDenied(_("Vous ne pouvez saisir que les résultats de votre organisation."))
    _require_open(agreement)
    indicator = LogframeItem.objects.filter(
        pk=indicator_id, proposal_id=agreement.proposal_id, kind=LogframeItem.Kind.INDICATOR
    ).first()
    period = agreement.reporting_periods.filter(pk=period_id).first()
    if indicator is None or period is None:
        raise ValidationError(_("Indicateur ou période inconnus pour cet accord."))
    result, _created = IndicatorResult.objects.select_for_update().get_or_create(
        indicator=indicator, period=period, organisation_id=organisation_id,
        defaults={"agreement": agreement, "value": value, "comment": comment, "entered_by": by},
    )
    if not _created:
        result.value, result.comment, result.entered_by, result.entered_at = value, comment, by, timezone.now()
        result.validated_at = result.validated_by = None
        result.save()
    return result


@transaction.atomic
def result_validate(*, result_id: int, by) -> IndicatorResult:
    result = IndicatorResult.objects.select_for_update().select_related("agreement__proposal").get(pk=result_id)
    scope = scope_for(by, result.agreement)
    if scope is None or not scope.is_lead:
        raise PermissionDenied(_("Seuls les points focaux de l'organisation cheffe de file valident les résultats."))
    if not result.is_validated:
        result.validated_by, result.validated_at = by, timezone.now()
        result.save(update_fields=["validated_by", "validated_at"])
    return result
