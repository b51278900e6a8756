"""From the award to the closing: two partners, two tranches from the funder,
transfers to both partners, expenses imported from a sheet, two periodic
reports generated, one overdue reminder, the final report, the closing."""

import io
import uuid
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from approvals.models import OutboxMessage
from approvals.services import perform
from grants import services
from grants.models import AgreementClosing, DonorReport, Expense, GrantAgreement, JointProposal, LogframeItem, ReportingPeriod
from grants.services.grant_reports import agreement_ledger, report_reminders_send
from tests.grants.factories import FunderFactory, member_with_focal_point
from tests.uploads.samples import pdf_bytes


def _ok(response, status=302):
    assert response.status_code == status, response.content.decode()[:3000]
    return response


def test_from_award_to_closing(fundraiser, make_user, client_for):
    # given an awarded proposal: a lead and two partners, each with its budget line, and a logframe
    lead, lead_focal = member_with_focal_point(email="lead@example.org")
    alpha, alpha_focal = member_with_focal_point(email="alpha@example.org", country="TD")
    bravo, bravo_focal = member_with_focal_point(email="bravo@example.org", country="CF")
    treasurer = make_user("fundraising_group", email="tresorerie@example.org")
    proposal = services.proposal_create(by=fundraiser, title="Réseau d'alerte", lead_organisation_id=lead.pk, currency="EUR")
    ref = proposal.reference
    for organisation in (alpha, bravo):
        services.proposal_partner_add(reference=ref, by=lead_focal, organisation_id=organisation.pk, role="Formation",
                                      budget_share_percent=Decimal("25"))
    for organisation, description, amount in ((lead, "Coordination", "40000"), (alpha, "Ateliers", "30000"), (bravo, "Formations", "30000")):
        services.budget_line_add(reference=ref, by=lead_focal, organisation_id=organisation.pk, category="activities",
                                 description=description, amount=Decimal(amount), currency="EUR")
    objective = services.logframe_item_add(reference=ref, by=lead_focal, kind="objective", text="Protéger les défenseurs")
    result = services.logframe_item_add(reference=ref, by=lead_focal, kind="result", text="Défenseurs formés", parent_id=objective.pk)
    indicator = services.logframe_item_add(reference=ref, by=lead_focal, kind="indicator", text="Nombre de défenseurs formés",
                                           parent_id=result.pk, target="200")
    JointProposal.objects.filter(pk=proposal.pk).update(state=JointProposal.State.SUBMITTED)
    proposal.refresh_from_db()
    perform(proposal, "award", by=fundraiser)
    agreement = GrantAgreement.objects.get(proposal=proposal)
    services.agreement_update(
        agreement_id=agreement.pk, by=fundraiser, funder=FunderFactory(name="Fondation Horizon"), amount=Decimal("100000"),
        currency="EUR", starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31),
        document_upload=SimpleUploadedFile("accord.pdf", pdf_bytes()),
    )
    agreement.refresh_from_db()
    assert agreement.state == GrantAgreement.State.ACTIVE

    # two tranches from the funder, transfers to both partners (the large one confirmed by a second person)
    for received_on, amount in ((date(2026, 1, 15), "60000"), (date(2026, 7, 15), "40000")):
        services.tranche_receive(agreement_id=agreement.pk, by=fundraiser, received_on=received_on, amount=Decimal(amount),
                                 currency="EUR", idempotency_key=uuid.uuid4())
    for organisation, amount in ((alpha, "20000"), (bravo, "5000")):
        share = agreement.shares.get(organisation=organisation)
        transfer, _created = services.transfer_record(agreement_id=agreement.pk, by=lead_focal, share_id=share.pk,
                                                      amount=Decimal(amount), sent_on=date(2026, 2, 1), idempotency_key=uuid.uuid4())
        if transfer.state == "awaiting":
            services.transfer_confirm(transfer_id=transfer.pk, by=treasurer)
    agreement.refresh_from_db()
    assert agreement.received_total == Decimal("100000") and agreement.transferred_total == Decimal("25000")

    # the lead schedules two reporting periods and the reports
    fundraising, lead_client = client_for(fundraiser), client_for(lead_focal)
    base = f"/financements/accords/{agreement.pk}/"
    assert f"{base}depenses/" in lead_client.get(base).content.decode()  # reached from the agreement's page
    _ok(lead_client.post(base + "resultats/periodes/", {"label": "S1", "starts_on": "2026-01-01", "ends_on": "2026-06-30"}))
    _ok(lead_client.post(base + "resultats/periodes/", {"label": "S2", "starts_on": "2026-07-01", "ends_on": "2026-12-31"}))
    s1, s2 = ReportingPeriod.objects.order_by("starts_on")
    today = timezone.localdate()
    _ok(fundraising.post(base + "rapports/", {"kind": "narrative", "due_on": (today - timedelta(days=3)).isoformat(), "period": s1.pk}))
    _ok(fundraising.post(base + "rapports/", {"kind": "financial", "due_on": (today + timedelta(days=40)).isoformat(), "period": s1.pk}))

    # each partner imports its expenses from a sheet; each enters its result
    sheets = {
        alpha_focal: "Ligne budgétaire;Date;Libellé;Montant\nAteliers;10/03/2026;Atelier de Sarh;12 000\nAteliers;20/05/2026;Atelier de Moundou;6 500,50\n",
        bravo_focal: "Ligne budgétaire;Date;Libellé;Montant\nFormations;12/04/2026;Formation à Bangui;4 000\n",
    }
    for focal, text in sheets.items():
        client = client_for(focal)
        preview = _ok(client.post(base + "depenses/import/", {"sheet": SimpleUploadedFile("d.csv", text.encode())}))["Location"]
        _ok(client.post(preview))
        organisation = alpha if focal == alpha_focal else bravo
        _ok(client.post(base + "resultats/", {"indicator": indicator.pk, "period": s1.pk, "organisation": organisation.pk,
                                              "value": "60" if organisation == alpha else "25"}))
    assert Expense.objects.count() == 3
    for result in agreement.indicator_results.all():
        _ok(lead_client.post(base + f"resultats/{result.pk}/valider/"))

    # the overdue narrative report: one reminder, however often the task runs
    assert report_reminders_send() >= 1
    assert report_reminders_send() == 0
    overdue = [m for m in OutboxMessage.objects.filter(topic="notify") if m.payload.get("code") == "grants.report_overdue"]
    assert [m.payload["recipient"] for m in overdue] == [lead_focal.pk]

    # the two periodic reports generated from the data, approved by the lead, submitted
    from docx import Document
    from openpyxl import load_workbook

    for report in DonorReport.objects.order_by("pk"):
        _ok(lead_client.post(base + f"rapports/{report.pk}/generer/"))
        _ok(lead_client.post(base + f"rapports/{report.pk}/approuver/"))
        _ok(fundraising.post(base + f"rapports/{report.pk}/remettre/"))
    narrative, financial = DonorReport.objects.order_by("pk")
    document = Document(narrative.versions.get().file.open("rb"))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"Nombre de défenseurs formés", "60", "25"} <= cells
    workbook = load_workbook(io.BytesIO(financial.versions.get().file.open("rb").read()))
    total = next(row for row in workbook.worksheets[0].iter_rows(values_only=True) if row[0] == "Total")
    assert Decimal(str(total[4])) == agreement_ledger(agreement)["total_spent"] == Decimal("22500.50")

    # closing is refused until the final report is in
    close = {"outcome": "returned", "copil_decision": "COPIL-2026-12"}
    _ok(fundraising.post(base + "cloture/", close), 400)
    _ok(fundraising.post(base + "rapports/", {"kind": "narrative", "due_on": "2027-02-28", "is_final": "on"}))
    final = DonorReport.objects.get(is_final=True)
    _ok(lead_client.post(base + f"rapports/{final.pk}/generer/"))
    _ok(lead_client.post(base + f"rapports/{final.pk}/", {"upload": SimpleUploadedFile("final.pdf", pdf_bytes())}))
    _ok(lead_client.post(base + f"rapports/{final.pk}/approuver/"))
    _ok(fundraising.post(base + f"rapports/{final.pk}/remettre/"))
    assert final.versions.count() == 2

    # the balance goes back to the donor on a COPIL decision; the agreement is closed
    _ok(fundraising.post(base + "cloture/", {"outcome": "returned", "copil_decision": ""}), 400)
    _ok(fundraising.post(base + "cloture/", close))
    closing = AgreementClosing.objects.get()
    assert closing.balance == Decimal("100000") - Decimal("22500.50")
    agreement.refresh_from_db()
    assert agreement.state == GrantAgreement.State.CLOSED
    # nothing more is entered
    response = client_for(alpha_focal).post(base + "depenses/", {
        "budget_line": agreement.proposal.budget_lines.get(description="Ateliers").pk, "spent_on": "2026-12-01",
        "description": "Trop tard", "amount": "10", "currency": "EUR"})
    assert response.status_code == 400 and Expense.objects.count() == 3
    assert LogframeItem.objects.filter(kind="indicator").count() == 1
