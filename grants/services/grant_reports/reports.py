"""Reports to the donor: scheduled, generated as drafts from the data in the
donor's language, edited offline and uploaded back (every version kept),
approved by the lead's focal point, marked submitted."""

import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from approvals.uploads import DOCX, ODS, ODT, PDF, XLSX, inspect_upload, upload_policy

from ...models.grant_reports import DonorReport, DonorReportVersion, IndicatorResult
from ...report_access import may_approve_report, report_actions, scope_for
from .documents import financial_xlsx, narrative_docx
from .expenses import _require_open
from .ledger import agreement_ledger
from .results import _require_manager

REPORT_VERSION = upload_policy(
    "donor_report_version", types=(DOCX, XLSX, ODT, ODS, PDF), max_bytes=10 * 1024 * 1024,
    description="Version d'un rapport au bailleur (Word, Excel, OpenDocument ou PDF)",
)


def report_language(agreement) -> str:
    """The donor's language (the funder's, else the agreement's), else the site's."""
    known = {code for code, _name in settings.LANGUAGES}
    for holder in (getattr(agreement, "funder", None), agreement):
        code = (getattr(holder, "language", "") or "")[:2].lower()
        if code in known:
            return code
    return settings.LANGUAGE_CODE


@transaction.atomic
def report_schedule(*, agreement, by, kind: str, due_on, period_id=None, organisation_id=None, is_final=False) -> DonorReport:
    _require_manager(by, agreement)
    _require_open(agreement)
    if period_id is not None and not agreement.reporting_periods.filter(pk=period_id).exists():
        raise ValidationError({"period": _("Période inconnue pour cet accord.")})
    if organisation_id is not None and organisation_id not in {
        agreement.proposal.lead_organisation_id, *agreement.proposal.partners.values_list("organisation_id", flat=True)
    }:
        raise ValidationError({"organisation": _("Choisissez une organisation de l'accord.")})
    return DonorReport.objects.create(
        agreement=agreement, kind=kind, due_on=due_on, period_id=period_id, organisation_id=organisation_id, is_final=is_final
    )


def _locked(report_id) -> DonorReport:
    return DonorReport.objects.select_for_update(of=("self",)).select_related("agreement__proposal", "period", "organisation").get(pk=report_id)


def _require_action(by, report, action):
    scope = scope_for(by, report.agreement)
    if scope is None or not scope.sees(report.organisation_id):
        raise PermissionDenied(_("Vous n'avez pas accès à ce rapport."))
    if action not in report_actions(by, scope, report):
        raise PermissionDenied(_("Ce rapport ne peut pas faire l'objet de cette action."))


def _add_version(report, *, by, name, content, generated, language="") -> DonorReportVersion:
    number = (report.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = DonorReportVersion(
        report=report, number=number, original_name=name[:255], size=len(content),
        sha256=hashlib.sha256(content).hexdigest(), generated=generated, language=language, created_by=by,
    )
    version.file.save(f"rapport-v{number}.{name.rsplit('.', 1)[-1]}", ContentFile(content), save=False)
    try:
        version.save()
    except Exception:
        version.file.delete(save=False)
        raise
    # A new version must be approved again.
    if report.state != DonorReport.State.DRAFT:
        report.state, report.approved_by, report.approved_at = DonorReport.State.DRAFT, None, None
        report.save(update_fields=["state", "approved_by", "approved_at"])
    return version


def _narrative_data(report) -> dict:
    agreement, period = report.agreement, report.period
    proposal = agreement.proposal
    organisation_ids = [report.organisation_id] if report.organisation_id else None
    results = IndicatorResult.objects.filter(agreement=agreement, validated_at__isnull=False).select_related("organisation")
    if period is not None:
        results = results.filter(period=period)
    if organisation_ids:
        results = results.filter(organisation_id__in=organisation_ids)
    values = {}
    for result in results.order_by("period__starts_on", "id"):
        values.setdefault(result.indicator_id, []).append(
            {"organisation": result.organisation, "value": result.value, "comment": result.comment}
        )
    items = list(proposal.logframe.all())
    children = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    objectives = [
        {
            "text": objective.text,
            "results": [
                {
                    "text": result.text,
                    "indicators": [
                        {"text": i.text, "target": i.target, "values": values.get(i.pk, [])} for i in children.get(result.pk, [])
                    ],
                }
                for result in children.get(objective.pk, [])
            ],
        }
        for objective in children.get(None, [])
    ]
    ledger = agreement_ledger(agreement, organisation_ids=organisation_ids, until=period.ends_on if period else None)
    expenses = ledger["expenses"]
    if period is not None:
        expenses = [e for e in expenses if e["spent_on"] >= period.starts_on]
    return {
        "title": f"{_('Rapport narratif')} — {proposal.title}",
        "agreement": str(agreement),
        "funder": str(getattr(agreement, "funder", "") or ""),
        "period": {"label": period.label, "starts_on": period.starts_on, "ends_on": period.ends_on} if period else None,
        "currency": agreement.currency,
        "objectives": objectives,
        "activities": [
            {"organisation": e["organisation"], "description": e["description"], "amount": e["converted"]} for e in expenses
        ],
        "partners": ledger["partners"],
    }


def report_draft(report) -> tuple[str, bytes]:
    """(file name, content) of the draft made from today's data, in the donor's language."""
    with translation.override(report_language(report.agreement)):
        if report.kind == DonorReport.Kind.NARRATIVE:
            return "rapport-narratif.docx", narrative_docx(_narrative_data(report))
        period = report.period
        ledger = agreement_ledger(
            report.agreement,
            organisation_ids=[report.organisation_id] if report.organisation_id else None,
            until=period.ends_on if period else None,
        )
        title = f"{_('Rapport financier')} — {report.agreement.proposal.title}" + (f" — {period.label}" if period else "")
        return "rapport-financier.xlsx", financial_xlsx(ledger, title=title)


@transaction.atomic
def report_generate(*, report_id: int, by) -> DonorReportVersion:
    report = _locked(report_id)
    _require_action(by, report, "edit")
    name, content = report_draft(report)
    return _add_version(report, by=by, name=name, content=content, generated=True, language=report_language(report.agreement))


@transaction.atomic
def report_upload(*, report_id: int, by, upload) -> DonorReportVersion:
    report = _locked(report_id)
    _require_action(by, report, "edit")
    try:
        checked = inspect_upload(upload, accept=REPORT_VERSION)
    except ValidationError as error:
        raise ValidationError({"upload": error.messages}) from None
    return _add_version(report, by=by, name=checked.download_name, content=checked.content, generated=False)


@transaction.atomic
def report_approve(*, report_id: int, by) -> DonorReport:
    report = _locked(report_id)
    if not may_approve_report(by, report):
        raise PermissionDenied(_("Seuls les points focaux de l'organisation cheffe de file approuvent un rapport."))
    if report.state == DonorReport.State.APPROVED:
        return report
    _require_action(by, report, "approve")
    report.state, report.approved_by, report.approved_at = DonorReport.State.APPROVED, by, timezone.now()
    report.save(update_fields=["state", "approved_by", "approved_at"])
    return report


@transaction.atomic
def report_submit(*, report_id: int, by) -> DonorReport:
    report = _locked(report_id)
    if report.state == DonorReport.State.SUBMITTED:
        return report
    _require_action(by, report, "submit")
    report.state, report.submitted_by, report.submitted_at = DonorReport.State.SUBMITTED, by, timezone.now()
    report.save(update_fields=["state", "submitted_by", "submitted_at"])
    return report
