"""Results against the logframe and reports to the donor: drafts generated
from the data (read back with python-docx and openpyxl), uploaded back,
approved by the lead's focal point, submitted, every version kept;
reminders sent once."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from approvals.models import OutboxMessage
from grants.models import DonorReport, DonorReportVersion, IndicatorResult, ReportingPeriod
from grants.services.grant_reports import agreement_ledger, expense_add, report_reminders_send
from tests.grants.report_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(fundraiser):
    return build_world(fundraiser)


def _url(world, tail=""):
    return f"/financements/accords/{world.agreement.pk}/{tail}"


def _ok(response, status=302):
    assert response.status_code == status, response.content.decode()[:2000]
    return response


def _period(world, client):
    _ok(client.post(_url(world, "resultats/periodes/"), {"label": "S1 2026", "starts_on": "2026-01-01", "ends_on": "2026-06-30"}))
    return ReportingPeriod.objects.get(label="S1 2026")


def _spend(world):
    expense_add(agreement=world.agreement, by=world.focal_a, budget_line=world.lines["a"], spent_on=date(2026, 3, 1),
                description="Atelier de Moundou", amount=Decimal("2500"), currency="EUR")
    expense_add(agreement=world.agreement, by=world.focal_b, budget_line=world.lines["b"], spent_on=date(2026, 4, 1),
                description="Formation à Bangui", amount=Decimal("655957"), currency="XAF")
    expense_add(agreement=world.agreement, by=world.lead_focal, budget_line=world.lines["lead"], spent_on=date(2026, 5, 1),
                description="Coordinatrice", amount=Decimal("4000.55"), currency="EUR")


def test_a_partner_enters_a_result_and_the_lead_validates_it(world, client_for):
    period = _period(world, client_for(world.fundraiser))
    partner = client_for(world.focal_a)
    _ok(partner.post(_url(world, "resultats/"), {"indicator": world.indicator.pk, "period": period.pk,
                                                  "organisation": world.partner_a.pk, "value": "45"}))
    # not for another organisation
    _ok(partner.post(_url(world, "resultats/"), {"indicator": world.indicator.pk, "period": period.pk,
                                                  "organisation": world.partner_b.pk, "value": "9"}), 400)
    result = IndicatorResult.objects.get()
    assert result.organisation == world.partner_a and not result.is_validated
    _ok(partner.post(_url(world, f"resultats/{result.pk}/valider/")), 403)
    _ok(client_for(world.lead_focal).post(_url(world, f"resultats/{result.pk}/valider/")))
    result.refresh_from_db()
    assert result.validated_by == world.lead_focal
    # corrected, it must be validated again
    _ok(partner.post(_url(world, "resultats/"), {"indicator": world.indicator.pk, "period": period.pk,
                                                  "organisation": world.partner_a.pk, "value": "47"}))
    result.refresh_from_db()
    assert result.value == "47" and not result.is_validated


def test_generated_reports_read_back_and_the_financial_totals_equal_the_ledger(world, client_for):
    from docx import Document
    from openpyxl import load_workbook

    fundraising = client_for(world.fundraiser)
    period = _period(world, fundraising)
    _spend(world)
    IndicatorResult.objects.create(agreement=world.agreement, indicator=world.indicator, period=period, organisation=world.partner_a,
                                   value="45", entered_by=world.focal_a, validated_by=world.lead_focal, validated_at=timezone.now())
    for kind in ("narrative", "financial"):
        _ok(fundraising.post(_url(world, "rapports/"), {"kind": kind, "due_on": "2026-07-31", "period": period.pk}))
    narrative, financial = DonorReport.objects.order_by("kind").reverse()
    assert narrative.kind == "narrative"

    lead = client_for(world.lead_focal)
    for report in (narrative, financial):
        _ok(lead.post(_url(world, f"rapports/{report.pk}/generer/")))
    doc_version = narrative.versions.get()
    document = Document(io.BytesIO(client_bytes(lead, _url(world, f"rapports/{narrative.pk}/versions/{doc_version.pk}/"))))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Résultats obtenus" in text and "Les défenseurs sont mieux protégés" in text
    assert "Défenseurs formés" in cells and "45" in cells and "Association Alpha (ALPHA)" in cells
    assert "Atelier de Moundou" in text and "Formation à Bangui" in text

    xlsx_version = financial.versions.get()
    workbook = load_workbook(io.BytesIO(client_bytes(lead, _url(world, f"rapports/{financial.pk}/versions/{xlsx_version.pk}/"))))
    budget = workbook.worksheets[0]
    rows = list(budget.iter_rows(values_only=True))
    total = next(row for row in rows if row[0] == "Total")
    ledger = agreement_ledger(world.agreement)
    assert Decimal(str(total[4])) == ledger["total_spent"] == Decimal("7500.55")
    assert Decimal(str(total[3])) == ledger["total_budget"] == Decimal("65000")
    line_rows = [row for row in rows[4:] if row[2] in {"Coordination", "Ateliers", "Formations"}]
    assert sum(Decimal(str(row[4])) for row in line_rows) == ledger["total_spent"]
    detail = list(workbook.worksheets[1].iter_rows(values_only=True))
    assert sum(Decimal(str(row[8])) for row in detail[1:-1]) == Decimal(str(detail[-1][8])) == ledger["total_spent"]


def client_bytes(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_the_draft_is_in_the_donors_language(fundraiser, client_for):
    from docx import Document

    world = build_world(fundraiser, funder_language="en")
    fundraising = client_for(world.fundraiser)
    _ok(fundraising.post(_url(world, "rapports/"), {"kind": "narrative", "due_on": "2026-07-31"}))
    report = DonorReport.objects.get()
    _ok(fundraising.post(_url(world, f"rapports/{report.pk}/generer/")))
    version = report.versions.get()
    assert version.language == "en"
    document = Document(version.file.open("rb"))
    assert "Results achieved" in "\n".join(p.text for p in document.paragraphs)


def test_edited_upload_approval_submission_and_every_version_kept(world, client_for):
    from tests.uploads.samples import pdf_bytes

    fundraising, lead, partner = client_for(world.fundraiser), client_for(world.lead_focal), client_for(world.focal_a)
    _ok(fundraising.post(_url(world, "rapports/"), {"kind": "financial", "due_on": "2026-07-31"}))
    report = DonorReport.objects.get()
    _ok(lead.post(_url(world, f"rapports/{report.pk}/generer/")))
    _ok(lead.post(_url(world, f"rapports/{report.pk}/"), {"upload": SimpleUploadedFile("final.pdf", pdf_bytes())}))
    # an HTML page named .docx is refused
    _ok(lead.post(_url(world, f"rapports/{report.pk}/"), {"upload": SimpleUploadedFile("x.docx", b"<html><script>1</script></html>")}), 400)
    assert report.versions.count() == 2
    _ok(fundraising.post(_url(world, f"rapports/{report.pk}/approuver/")), 403)  # not the lead's focal point
    report.refresh_from_db()
    assert report.state == DonorReport.State.DRAFT
    _ok(lead.post(_url(world, f"rapports/{report.pk}/approuver/")))
    report.refresh_from_db()
    assert report.state == DonorReport.State.APPROVED and report.approved_by == world.lead_focal
    _ok(fundraising.post(_url(world, f"rapports/{report.pk}/remettre/")))
    report.refresh_from_db()
    assert report.state == DonorReport.State.SUBMITTED
    assert list(DonorReportVersion.objects.filter(report=report).values_list("number", "generated")) == [(2, False), (1, True)]
    # the partner does not see the agreement-wide report
    assert partner.get(_url(world, f"rapports/{report.pk}/")).status_code == 404


def test_reminders_30_14_7_days_and_overdue_each_sent_once(world, client_for):
    today = date(2026, 6, 1)
    report = DonorReport.objects.create(agreement=world.agreement, kind="narrative", due_on=today + timedelta(days=20))
    responsible = {world.lead_focal.pk}

    def sent(code):
        return [m for m in OutboxMessage.objects.filter(topic="notify") if m.payload.get("code") == code]

    assert report_reminders_send(today=today) == len(responsible)  # 20 days left: the 30-day reminder
    assert report_reminders_send(today=today) == 0  # the task running twice sends nothing more
    assert report_reminders_send(today=today + timedelta(days=3)) == 0
    assert report_reminders_send(today=today + timedelta(days=6)) == 1  # 14 days
    assert report_reminders_send(today=today + timedelta(days=13)) == 1  # 7 days
    assert report_reminders_send(today=today + timedelta(days=21)) == 1  # overdue
    assert report_reminders_send(today=today + timedelta(days=22)) == 0
    assert len(sent("grants.report_due")) == 3 and len(sent("grants.report_overdue")) == 1
    assert {m.payload["recipient"] for m in sent("grants.report_overdue")} == responsible


def test_overdue_reports_are_flagged_on_the_home_pages_of_those_responsible(world, client_for):
    report = DonorReport.objects.create(agreement=world.agreement, kind="financial", due_on=timezone.localdate() - timedelta(days=2))
    link = f"/financements/accords/{world.agreement.pk}/rapports/{report.pk}/"
    for user in (world.lead_focal, world.fundraiser):
        response = client_for(user).get("/")
        items = [i for s in response.context["sections"] for i in s["items"] if i["url"] == link]
        assert items and items[0]["overdue"], user
    response = client_for(world.focal_b).get("/")
    assert link not in response.content.decode()
