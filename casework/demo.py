"""Demo data for the emergency fund: two funds, a dozen fictional cases at
every step, a few incidents. Code names and stories are invented; no real
person, place or event is described. Safe to run again (skipped once the
demo funds exist)."""

import uuid
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.demo import demo_user
from accounts.roles import Role
from approvals.models import Ballot
from approvals.services import dossier_create, perform, vote_cast

from .models import Case, CaseSupport, Fund
from .services import (
    case_assess,
    case_assign,
    case_fast_track,
    case_refer_elsewhere,
    case_send_to_committee,
    contribution_record,
    disbursement_request,
    emergency_committee,
    fund_create,
    incident_record,
    incident_verify,
)

FUNDS = [
    # Donors are funders of the grants demo's donor map (found by name or acronym).
    ("Fonds d'urgence DEFI", "XAF", [("FHL", "6000000"), ("Ambassade du Royaume de Valdoria à Yaoundé", "4000000")]),
    ("Fonds de protection EUR", "EUR", [("UFESC", "15000")]),
]

# code name, country, gender, age band, profile, urgency, supports, requested, where it ends up
CASES = [
    ("Baobab-Héron-14", "CM", "female", "26_35", "journalist", "standard", ["legal"], "350000", "received"),
    ("Iroko-Calao-22", "GA", "male", "36_50", "lawyer", "high", ["legal", "digital"], "500000", "received"),
    ("Acacia-Ibis-31", "TD", "female", "18_25", "woman_defender", "standard", ["medical"], "250000", "verification"),
    ("Moabi-Jacana-47", "CF", "male", "36_50", "community_leader", "critical", ["relocation"], "900000", "verification_late"),
    ("Okoumé-Touraco-53", "CD", "female", "26_35", "environment", "high", ["protection", "subsistence"], "700000", "committee"),
    ("Palmier-Aigrette-68", "CG", "male", "26_35", "journalist", "critical", ["relocation", "family"], "800000", "fast_track"),
    ("Fromager-Pélican-72", "CM", "female", "over_50", "unionist", "critical", ["relocation"], "600000", "approved"),
    ("Kapokier-Martin-85", "CD", "male", "18_25", "displaced", "high", ["subsistence", "medical"], "450000", "disbursing"),
    ("Manguier-Tisserin-91", "GA", "female", "36_50", "child_defender", "standard", ["legal"], "300000", "follow_up"),
    ("Tamarinier-Colibri-16", "TD", "non_binary", "26_35", "exile", "standard", ["subsistence"], "200000", "closed"),
    ("Baobab-Touraco-27", "CF", "male", "over_50", "other", "standard", ["digital"], "150000", "rejected"),
    ("Iroko-Héron-39", "GQ", "female", "26_35", "lawyer", "high", ["legal"], "400000", "on_hold"),
    ("Acacia-Pélican-44", "ST", "male", "36_50", "journalist", "standard", ["medical"], "250000", "referred"),
]

# Cases awaiting a decision arrived recently (one critical case is overdue).
RECEIVED_AGO = {
    "received": timedelta(hours=5),
    "verification": timedelta(days=2),
    "verification_late": timedelta(hours=30),
    "committee": timedelta(days=1),
    "fast_track": timedelta(hours=8),
}

INCIDENTS = [
    ("CM", "Littoral", "threat", "journalist", "state_security", "member", "medium", "unverified"),
    ("CD", "Nord-Kivu", "arrest", "environment", "state_security", "member", "high", "verified"),
    ("TD", "N'Djamena", "digital", "woman_defender", "unknown", "victim", "medium", "in_progress"),
]


def _committee(chair, member):
    committee = emergency_committee()
    committee.chair = chair
    committee.save(update_fields=["chair"])
    committee.members.add(chair, member)
    return committee


def _funds(chair) -> dict:
    funds = {}
    for name, currency, contributions in FUNDS:
        fund = fund_create(by=chair, name=name, currency=currency, description="Démonstration")
        for donor, amount in contributions:
            contribution_record(fund_id=fund.pk, by=chair, donor=donor, amount=Decimal(amount), received_on=timezone.localdate() - timedelta(days=60))
        funds[currency] = fund
    return funds


def _new_case(row, *, referrer, received_at):
    code, country, gender, age, profile, urgency, supports, requested, _end = row
    case = dossier_create(
        Case,
        by=referrer,
        owner=None,
        grant_owner=(),
        code_name=code,
        country=country,
        gender=gender,
        age_band=age,
        profile=profile,
        urgency=urgency,
        requested_amount=Decimal(requested),
        currency="XAF",
        channel="mobile_money",
        intake=Case.Intake.REFERRAL if referrer else Case.Intake.DIRECT,
        referred_by=referrer,
        received_at=received_at,
        legal_name=f"Personne fictive {code}",
        phone="+000 00 00 00 00",
        whereabouts="Lieu fictif (démonstration)",
        threat_narrative="Récit fictif de démonstration : menaces après une prise de parole publique.",
        intake_key=uuid.uuid4(),
    )
    CaseSupport.objects.bulk_create([CaseSupport(case=case, kind=kind) for kind in supports])
    if referrer is not None:
        from approvals.access import grant

        grant(referrer, case, "view_status")
    return case


def _verify(case, officer):
    perform(case, "start_verification", by=officer)
    case_assess(
        case_id=case.pk, by=officer, risk_level="high", urgency=case.urgency, risk_assessment="Vérifié auprès de deux contacts de confiance (fictif)."
    )


def _decide_fast(case, chair, fund, amount):
    case_fast_track(case_id=case.pk, by=chair, proposed_amount=amount, fund_id=fund.pk)
    ballot = Ballot.objects.get(dossier_reference=case.reference, status=Ballot.Status.OPEN)
    vote_cast(ballot_id=ballot.pk, by=chair, choice="approve")
    case.refresh_from_db()


def _decide_committee(case, officer, voters, fund, amount, choice="approve"):
    case_send_to_committee(case_id=case.pk, by=officer, proposed_amount=amount, fund_id=fund.pk)
    ballot = Ballot.objects.get(dossier_reference=case.reference, status=Ballot.Status.OPEN)
    for voter in voters:
        ballot.refresh_from_db()
        if ballot.is_open:
            vote_cast(ballot_id=ballot.pk, by=voter, choice=choice)
    case.refresh_from_db()


def _pay(case, officer, amount):
    disbursement_request(case_id=case.pk, by=officer, amount=Decimal(amount), channel="mobile_money", idempotency_key=uuid.uuid4(), reference=f"DEMO-{uuid.uuid4().hex[:6].upper()}")
    case.refresh_from_db()


def load(stdout):
    chair = demo_user(Role.EMERGENCY_CHAIR)
    member = demo_user(Role.EMERGENCY_MEMBER)
    officer = demo_user(Role.CASE_OFFICER)
    referrer = demo_user(Role.MEMBER_FOCAL_POINT)

    _committee(chair, member)
    if Fund.objects.filter(name=FUNDS[0][0]).exists():
        stdout.write("  fonds d'urgence : déjà chargés\n")
        return
    funds = _funds(chair)
    xaf = funds["XAF"]
    now = timezone.now()
    cases = {}
    for index, row in enumerate(CASES):
        end = row[-1]
        received_at = now - RECEIVED_AGO.get(end, timedelta(days=len(CASES) - index, hours=3))
        case = _new_case(row, referrer=referrer if index in (1, 7) else None, received_at=received_at)
        cases[end] = case
        amount = case.requested_amount
        if end == "received":
            continue
        case_assign(case_id=case.pk, officer=officer, by=chair)
        if end in ("verification", "verification_late"):
            perform(case, "start_verification", by=officer)
            continue
        if end == "fast_track":
            case_fast_track(case_id=case.pk, by=chair, proposed_amount=amount, fund_id=xaf.pk)
            continue
        if end == "approved":
            _decide_fast(case, chair, xaf, amount)
            continue
        _verify(case, officer)
        if end == "committee":
            case_send_to_committee(case_id=case.pk, by=officer, proposed_amount=amount, fund_id=xaf.pk)
        elif end == "rejected":
            _decide_committee(case, officer, [chair, member], xaf, amount, choice="reject")
        elif end == "referred":
            case_refer_elsewhere(case_id=case.pk, by=chair, referred_to="Fonds partenaire de protection (fictif)")
        elif end == "on_hold":
            perform(case, "hold", by=officer, comment="Contact perdu : en attente de nouvelles.")
        else:  # disbursing, follow_up, closed
            _decide_committee(case, officer, [chair, member], xaf, amount)
            _pay(case, officer, amount / 2)
            if end in ("follow_up", "closed"):
                _pay(case, officer, amount / 2)
                perform(case, "start_follow_up", by=officer)
            if end == "closed":
                perform(case, "close", by=officer)
    for country, province, kind, profile, perpetrator, source, severity, verification in INCIDENTS:
        incident = incident_record(
            by=chair,
            data={
                "country": country,
                "province": province,
                "place": "Lieu fictif (démonstration)",
                "occurred_on": timezone.localdate() - timedelta(days=20),
                "kind": kind,
                "victim_profile": profile,
                "perpetrator": perpetrator,
                "source": source,
                "severity": severity,
                "summary": "Incident fictif de démonstration.",
            },
            case_references=[cases["disbursing"].reference] if country == "CD" else [],
        )
        if verification != "unverified":
            incident_verify(incident_id=incident.pk, by=chair, verification=verification)
    stdout.write(f"  + {len(FUNDS)} fonds, {len(CASES)} cas, {len(INCIDENTS)} incidents (urgence)\n")

