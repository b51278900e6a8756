"""Demo data of what follows the award: two reporting periods, expenses of
the lead and of each partner (one in XAF at the recorded rate), results
(one validated), the reports to the donor (the first semester's generated,
one for each partner, the final one scheduled) — one of them overdue."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from .models import DonorReport, GrantAgreement, LogframeItem
from .services import grant_reports as services


def _focal(organisation, fallback):
    return organisation.focal_points.order_by("pk").first() or fallback


def load(fundraiser) -> None:
    agreement = GrantAgreement.objects.select_related("proposal__lead_organisation").filter(
        state=GrantAgreement.State.ACTIVE
    ).order_by("pk").first()
    if agreement is None or agreement.reporting_periods.exists():
        return
    proposal = agreement.proposal
    lead_focal = _focal(proposal.lead_organisation, fundraiser)
    s1 = services.reporting_period_add(agreement=agreement, by=fundraiser, label="S1 2027",
                                       starts_on=date(2027, 1, 1), ends_on=date(2027, 6, 30))
    services.reporting_period_add(agreement=agreement, by=fundraiser, label="S2 2027", starts_on=date(2027, 7, 1), ends_on=date(2027, 12, 31))
    indicator = LogframeItem.objects.filter(proposal=proposal, kind=LogframeItem.Kind.INDICATOR).order_by("pk").first()
    for n, line in enumerate(proposal.budget_lines.select_related("organisation").order_by("pk")):
        focal = _focal(line.organisation, fundraiser)
        amount = Decimal("4500") if line.currency == "EUR" else Decimal("1311914")  # 2 000 EUR in XAF
        services.expense_add(agreement=agreement, by=focal, budget_line=line,
                             spent_on=date(2027, 3, 10 + n), description=f"{line.description} — premier trimestre",
                             voucher=f"PJ-{n + 1:03d}", amount=amount, currency=line.currency)
        if indicator is not None and line.organisation_id != proposal.lead_organisation_id:
            result = services.result_record(agreement=agreement, by=focal, indicator_id=indicator.pk, period_id=s1.pk,
                                            organisation_id=line.organisation_id, value=f"{96 - 12 * n} heures")
            if n == 1:
                services.result_validate(result_id=result.pk, by=lead_focal)
    today = timezone.localdate()
    narrative = services.report_schedule(agreement=agreement, by=fundraiser, kind="narrative", due_on=today - timedelta(days=5),
                                         period_id=s1.pk)
    services.report_schedule(agreement=agreement, by=fundraiser, kind="financial", due_on=today + timedelta(days=12), period_id=s1.pk)
    for partner in proposal.partners.select_related("organisation").order_by("pk"):
        services.report_schedule(agreement=agreement, by=fundraiser, kind="financial", due_on=today + timedelta(days=25),
                                 period_id=s1.pk, organisation_id=partner.organisation_id)
    services.report_schedule(agreement=agreement, by=fundraiser, kind="narrative", due_on=date(2029, 2, 28), is_final=True)
    services.report_generate(report_id=narrative.pk, by=lead_focal)
    assert DonorReport.objects.filter(agreement=agreement).count() >= 3
