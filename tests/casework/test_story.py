"""The whole life of a critical case, through the pages people use."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from approvals.models import Ballot, Decision, Notification, OutboxMessage, TimelineEntry
from casework.models import Case, CaseAccessLog, Disbursement, Fund, WellbeingCheck
from casework.services import wellbeing_reminders_send

from .factories import LEGAL_NAME, NARRATIVE, PHONE, WHEREABOUTS, FundFactory
from tests.uploads.samples import pdf_bytes

PDF = pdf_bytes("receipt")


def _apply(client, **overrides):
    data = {
        "legal_name": LEGAL_NAME,
        "code_name": "Colibri-7",
        "country": "CG",
        "gender": "female",
        "age_band": "26_35",
        "profile": "journalist",
        "urgency": "critical",
        "support_types": ["relocation", "medical"],
        "requested_amount": "600000",
        "currency": "XAF",
        "channel": "mobile_money",
        "phone": PHONE,
        "whereabouts": WHEREABOUTS,
        "threat_narrative": NARRATIVE,
        "idempotency_key": "5b1f2d55-7a4e-4f0e-9d7c-2a0c9d1e8f11",
    }
    data.update(overrides)
    return client.post("/urgence/demande/", data)


def test_critical_case_fast_tracked_ratified_disbursed_followed_up_and_closed(
    emergency, chair, committee_members, officer, client_for, client, settings, relay_outbox, mailoutbox, django_capture_on_commit_callbacks
):
    settings.RELAIS_DISBURSEMENT_CONFIRMATION_THRESHOLD = {"XAF": "250000"}
    fund = FundFactory(name="Fonds d'urgence DEFI", contributions=["1000000"])

    # given a defender who applies from a phone, without an account
    response = _apply(client)
    assert response.status_code == 200
    case = Case.objects.get()
    page = response.content.decode()
    assert case.reference in page and f"/suivi/{case.reference}/" in page
    status_url = page.split(f"/suivi/{case.reference}/", 1)[1].split('"', 1)[0]
    status_path = f"/suivi/{case.reference}/{status_url}"
    assert case.state == Case.State.RECEIVED and case.urgency == "critical"
    # the decision clock: 24 hours from receipt
    assert case.deadline_at == case.received_at + timedelta(hours=24)

    # when the chair gives it to a case officer, who verifies it
    assert client_for(chair).post(f"/urgence/cas/{case.reference}/affecter/", {"officer": officer.pk}).status_code == 302
    officer_client = client_for(officer)
    assert officer_client.post(f"/dossiers/{case.reference}/agir/start_verification/").status_code == 302
    assert officer_client.get(f"/urgence/cas/{case.reference}/evaluation/").status_code == 200
    response = officer_client.post(
        f"/urgence/cas/{case.reference}/evaluation/",
        {"risk_level": "extreme", "urgency": "critical", "risk_assessment": "Menace confirmée par deux contacts de confiance."},
    )
    assert response.status_code == 302

    # and the chair decides alone (fast track), in a one-seat ballot
    chair_client = client_for(chair)
    response = chair_client.post(
        f"/urgence/cas/{case.reference}/proposer/accelere/", {"proposed_amount": "600000", "fund": fund.pk}
    )
    assert response.status_code == 302
    fast = Ballot.objects.get(dossier_reference=case.reference, status=Ballot.Status.OPEN)
    assert fast.threshold == "single_approver"
    assert list(fast.seats.values_list("member_id", flat=True)) == [chair.pk]
    assert chair_client.post(f"/scrutins/{fast.pk}/voter/", {"choice": "approve"}).status_code == 302

    # then the case is approved and the money committed from the fund
    case.refresh_from_db()
    fund.refresh_from_db()
    assert case.state == Case.State.APPROVED
    assert case.approved_amount == Decimal("600000") and case.fund == fund
    assert fund.committed_total == Decimal("600000") and fund.balance == Decimal("400000")
    decision = Decision.objects.get(ballot=fast)
    assert case.decision_reference == decision.reference and decision.reference.startswith("CU-")

    # and the committee (the chair aside) is asked to ratify; two of three approve
    ratification = Ballot.objects.get(dossier_reference=case.reference, status=Ballot.Status.OPEN)
    assert set(ratification.seats.values_list("member_id", flat=True)) == {m.pk for m in committee_members}
    for member in committee_members[:2]:
        assert client_for(member).post(f"/scrutins/{ratification.pk}/voter/", {"choice": "approve"}).status_code == 302
    case.refresh_from_db()
    assert case.ratified_at is not None and case.state == Case.State.APPROVED

    # when the officer pays a first tranche (below the four-eyes threshold)…
    response = officer_client.post(
        f"/urgence/cas/{case.reference}/decaissements/nouveau/",
        {"amount": "200000", "channel": "mobile_money", "reference": "MM-001", "beneficiary_account": "+242 06 000 00 00",
         "idempotency_key": "0c4b4a51-1c1f-4a3b-9a8e-111111111111"},
    )
    assert response.status_code == 302
    # …and a second one above it, with the proof, which waits for a second person
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = officer_client.post(
        f"/urgence/cas/{case.reference}/decaissements/nouveau/",
        {"amount": "400000", "channel": "mobile_money", "reference": "MM-002", "beneficiary_account": "+242 06 000 00 00",
         "idempotency_key": "0c4b4a51-1c1f-4a3b-9a8e-222222222222", "proof": SimpleUploadedFile("recu.pdf", PDF)},
    )
    assert response.status_code == 302
    second = Disbursement.objects.get(reference="MM-002")
    assert second.status == Disbursement.Status.AWAITING_CONFIRMATION and second.proof is not None
    case.refresh_from_db()
    assert (case.state, case.disbursed_total, case.pending_total) == (Case.State.DISBURSING, Decimal("200000"), Decimal("400000"))

    # the officer who asked cannot confirm it; the chair can
    assert officer_client.post(f"/urgence/decaissements/{second.pk}/confirmer/").status_code in (403, 404)
    assert chair_client.post(f"/urgence/decaissements/{second.pk}/confirmer/").status_code == 302
    second.refresh_from_db()
    assert second.status == Disbursement.Status.CONFIRMED and second.confirmed_by == chair
    case.refresh_from_db()
    fund.refresh_from_db()
    assert (case.disbursed_total, case.pending_total) == (Decimal("600000"), Decimal("0"))
    assert fund.disbursed_total == Decimal("600000")

    # then follow-up: wellbeing checks at 30 and 90 days, reminded once when due
    assert officer_client.post(f"/dossiers/{case.reference}/agir/start_follow_up/").status_code == 302
    checks = list(WellbeingCheck.objects.filter(case=case).order_by("due_on"))
    today = timezone.localdate()
    assert [c.due_on for c in checks] == [today + timedelta(days=30), today + timedelta(days=90)]
    assert wellbeing_reminders_send(today=today + timedelta(days=30)) == 2  # officer and chair
    assert wellbeing_reminders_send(today=today + timedelta(days=30)) == 0
    response = officer_client.post(
        f"/urgence/cas/{case.reference}/documents/", {"kind": "receipt", "file": SimpleUploadedFile("facture.pdf", PDF)}
    )
    assert response.status_code == 302
    for check in checks:
        officer_client.post(f"/urgence/cas/{case.reference}/suivi/{check.pk}/", {"note": "Va bien, en sécurité."})
    assert WellbeingCheck.objects.filter(case=case, done_at__isnull=False).count() == 2

    # and the case is closed
    assert officer_client.post(f"/dossiers/{case.reference}/agir/close/").status_code == 302
    case.refresh_from_db()
    fund.refresh_from_db()
    assert case.state == Case.State.CLOSED
    assert (fund.contributed_total, fund.committed_total, fund.disbursed_total) == (Decimal("1000000"), Decimal("600000"), Decimal("600000"))

    # the letter: one "emergency_granted" for the decision, none for its ratification, code name only
    assert case.letter_kind(decision) == "emergency_granted"
    assert case.letter_kind(Decision.objects.get(ballot=ratification)) is None
    context = case.letter_context(decision)
    assert context["beneficiary_code"] == "Colibri-7" and context["country"] == "Congo"
    assert LEGAL_NAME not in str(context) and WHEREABOUTS not in str(context)
    assert OutboxMessage.objects.filter(topic="decision.recorded", payload={"decision": decision.pk}).exists()

    # the whole timeline, with who did what
    steps = TimelineEntry.objects.filter(dossier_reference=case.reference).order_by("created_at", "id")
    transitions = [(s.transition or s.kind, s.actor_label) for s in steps if s.kind != "event"]
    assert transitions == [
        ("created", "Relais (automatique)"),
        ("start_verification", str(officer)),
        ("fast_track", str(chair)),
        ("approve", "Relais (automatique)"),
        ("ratify", "Relais (automatique)"),
        ("start_disbursing", str(officer)),
        ("start_follow_up", str(officer)),
        ("close", str(officer)),
    ]
    events = " | ".join(s.comment for s in steps if s.kind == "event")
    for expected in ("Cas confié", "Évaluation du risque", "Scrutin ouvert", decision.reference, "engagés", "confirmé", "Document ajouté"):
        assert expected in events

    # the applicant's secret link shows the public step only
    page = client.get(status_path).content.decode()
    assert "Dossier clos" in page and "Colibri" not in page and LEGAL_NAME not in page
    # and no steps: not even the dates of the verification, the decision or the payments
    assert 'class="timeline"' not in page and "Soutien accordé" not in page

    # every view was logged; and no email about the case names, places or tells
    assert CaseAccessLog.objects.filter(case=case, user=officer, part="assessment").exists()
    with django_capture_on_commit_callbacks(execute=True):
        relay_outbox()
    assert Notification.objects.filter(dossier_reference=case.reference).exists()
    assert mailoutbox, "the committee and officer were emailed"
    for mail in mailoutbox:
        text = f"{mail.subject}\n{mail.body}"
        for secret in (LEGAL_NAME, "Ernestine", WHEREABOUTS, "Moungali", NARRATIVE, "Zanaga", PHONE):
            assert secret not in text
    assert Fund.objects.get(pk=fund.pk).balance == Decimal("400000")
