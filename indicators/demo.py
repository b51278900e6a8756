"""A year of dated activity for the indicators page: emergency cases decided
and paid over the past twelve months (through the services, then dated in
the past), incidents month by month, and membership decisions dated after
their submission. Fictional throughout; safe to run again (skipped once the
first historical case exists)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.demo import demo_user
from accounts.roles import Role
from casework.demo import _decide_committee, _new_case, _pay, _verify
from casework.models import Case, Commitment, Disbursement, Fund
from casework.services import case_assign, incident_record
from members.models import MembershipApplication

COUNTRIES = ["CM", "GA", "TD", "CF", "CG", "CD"]
GENDERS = ["female", "male", "female", "non_binary", "female", "male"]
PROFILES = ["journalist", "lawyer", "woman_defender", "environment", "community_leader", "unionist"]
# urgency, hours to decision, hours from decision to the first tranche (None: rejected)
STORIES = [
    ("critical", 9, 20), ("high", 50, 40), ("standard", 130, 60), ("critical", 30, 14), ("high", 90, 30),
    ("standard", 260, None), ("critical", 18, 24), ("high", 40, 36), ("standard", 150, 48), ("critical", 6, None),
    ("high", 70, 44), ("standard", 200, 72),
]
INCIDENT_KINDS = ["threat", "arrest", "judicial", "digital", "defamation", "attack"]
MARK = "Histoire-"


def _move(case: Case, received, decided, first_paid) -> None:
    """Date in the past a case decided just now (its timeline, written once,
    keeps the day the demo was loaded)."""
    Case.objects.filter(pk=case.pk).update(
        received_at=received, created_at=received, decided_at=decided, state_entered_at=decided,
        assessed_at=received + timedelta(hours=2), deadline_at=None,
    )
    Commitment.objects.filter(case=case).update(committed_at=decided)
    if first_paid:
        Disbursement.objects.filter(case=case).update(requested_at=first_paid, confirmed_at=first_paid)


def _cases(now) -> int:
    chair, member = demo_user(Role.EMERGENCY_CHAIR), demo_user(Role.EMERGENCY_MEMBER)
    officer = demo_user(Role.CASE_OFFICER)
    fund = Fund.objects.filter(currency="XAF").order_by("pk").first()
    if fund is None:
        return 0
    for index, (urgency, to_decision, to_paid) in enumerate(STORIES):
        received = now - timedelta(days=350 - index * 28, hours=index % 5)
        amount = Decimal(150000 + 20000 * (index % 7))
        row = (f"{MARK}{index + 1}", COUNTRIES[index % 6], GENDERS[index % 6], "26_35", PROFILES[index % 6], urgency,
               ["relocation", "legal"] if index % 3 == 0 else ["medical"], str(amount), "history")
        case = _new_case(row, referrer=None, received_at=now)
        case_assign(case_id=case.pk, officer=officer, by=chair)
        _verify(case, officer)
        _decide_committee(case, officer, [chair, member], fund, amount, choice="approve" if to_paid is not None else "reject")
        if to_paid is not None:
            _pay(case, officer, amount)
        decided = received + timedelta(hours=to_decision)
        _move(case, received, decided, decided + timedelta(hours=to_paid) if to_paid is not None else None)
    return len(STORIES)


def _incidents(now) -> int:
    chair = demo_user(Role.EMERGENCY_CHAIR)
    today = timezone.localdate()
    count = 0
    for month in range(12):
        for index in range(2 + month % 3):
            incident_record(
                by=chair,
                data={
                    "country": COUNTRIES[(month + index) % 6], "province": "", "place": "Lieu fictif (démonstration)",
                    "occurred_on": today - timedelta(days=30 * month + 3 * index + 1), "kind": INCIDENT_KINDS[(month * 2 + index) % 6],
                    "victim_profile": PROFILES[index % 6], "perpetrator": "unknown", "source": "member", "severity": "medium",
                    "summary": "Incident fictif de démonstration.",
                },
            )
            count += 1
    return count


def _applications() -> None:
    """Decided applications: submitted some weeks before their decision."""
    decided = MembershipApplication.objects.filter(decided_at__isnull=False).order_by("pk")
    for index, application in enumerate(decided):
        submitted = application.decided_at - timedelta(days=12 + 9 * (index % 4), hours=index)
        MembershipApplication.objects.filter(pk=application.pk).update(submitted_at=submitted)



def load(stdout):
    if Case.objects.filter(code_name__startswith=MARK).exists():
        stdout.write("  indicateurs : historique déjà chargé\n")
        return
    now = timezone.now()
    cases = _cases(now)
    incidents = _incidents(now)
    _applications()
    stdout.write(f"  + historique d'un an : {cases} cas, {incidents} incidents (indicateurs)\n")
