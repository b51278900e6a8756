"""Writes on the action plan: a value entered by the responsible group.

A value is never changed: entering again for the same period adds a row,
the latest counts and the history keeps every one (who, when, evidence)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from approvals.uploads import CSV, DOCX, JPEG, ODS, ODT, PDF, PNG, XLSX, inspect_upload, upload_policy

from ..models import Indicator, IndicatorValue
from ..periods import Period
from .access import may_enter_value

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
# Checked by content (approvals.uploads), never by the name alone.
INDICATOR_EVIDENCE = upload_policy(
    "indicator_evidence",
    types=(PDF, DOCX, ODT, XLSX, ODS, CSV, JPEG, PNG),
    max_bytes=EVIDENCE_MAX_BYTES,
    description="Justificatif d'une valeur d'indicateur du plan d'action",
)


def periods_of(indicator: Indicator, year: int) -> list[Period]:
    """The periods an indicator's target counts over, in `year`."""
    if indicator.frequency == Indicator.Frequency.QUARTER:
        return [Period.quarter(year, quarter) for quarter in range(1, 5)]
    return [Period.year(year)]


@transaction.atomic
def indicator_value_record(
    *, indicator_id: int, by, period: Period, value: Decimal, comment: str = "", evidence=None
) -> IndicatorValue:
    indicator = Indicator.objects.select_for_update().get(pk=indicator_id)
    if not may_enter_value(by, indicator):
        raise PermissionDenied(_("Seul le groupe responsable de cet indicateur y saisit des valeurs."))
    if period not in periods_of(indicator, period.start.year):
        raise ValidationError({"periode": _("Cet indicateur se suit %(frequency)s.") % {"frequency": indicator.get_frequency_display()}})
    if value is None or value < 0:
        raise ValidationError({"value": _("La valeur ne peut pas être négative.")})
    if indicator.measure == Indicator.Measure.DONE and value not in (0, 1):
        raise ValidationError({"value": _("Indiquez 1 (fait) ou 0 (pas fait).")})
    if indicator.measure == Indicator.Measure.PERCENT and value > 100:
        raise ValidationError({"value": _("Un pourcentage ne dépasse pas 100.")})
    entry = IndicatorValue(
        indicator=indicator,
        period_start=period.start,
        period_end=period.end,
        value=value,
        comment=(comment or "").strip(),
        entered_by=by,
    )
    if evidence is not None:
        try:
            checked = inspect_upload(evidence, accept=INDICATOR_EVIDENCE)
        except ValidationError as error:
            raise ValidationError({"evidence": error.messages}) from None
        entry.evidence_name = checked.download_name[:255]
        entry.evidence_sha256 = checked.sha256
        # Stored under the DETECTED extension (the download's name and type come from it).
        entry.evidence.save(f"justificatif.{checked.extension}", ContentFile(checked.content), save=False)
    try:
        entry.save()
    except Exception:
        if entry.evidence:
            entry.evidence.delete(save=False)
        raise
    return entry
