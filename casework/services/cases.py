"""What the committee, the chair and the case officer do with a case."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from approvals.access import grant, revoke
from approvals.services import notify, perform, record_event

from ..models import Case, Fund, WellbeingCheck
from ..permissions import is_assessable, may_assess, may_change_case, may_decide_cases
from .errors import CaseworkRefused


def _lock(case_id: int) -> Case:
    return Case.objects.select_for_update().get(pk=case_id)


@transaction.atomic
def case_assign(*, case_id: int, officer, by) -> Case:
    """The chair gives the case to a case officer, who alone (with the
    committee) may then see and change it; a previous officer loses access."""
    case = _lock(case_id)
    if not may_decide_cases(by):
        raise CaseworkRefused(_("Seule la présidence du comité d'urgence affecte les cas."), status=403)
    if not officer.is_active or not officer.has_role(Role.CASE_OFFICER):
        raise CaseworkRefused(_("Cette personne n'a pas le rôle de chargé·e de dossiers."), status=400)
    if case.officer_id == officer.pk:
        return case
    if case.officer_id:
        revoke(case.officer, case, "view", "change")
    case.officer = officer
    case.save(update_fields=["officer", "updated_at"])
    grant(officer, case, "view", "change")
    record_event(case, by=by, comment=_("Cas confié à %(officer)s.") % {"officer": officer})
    notify({officer.pk}, "casework.assigned", {"reference": case.reference}, url=case.get_absolute_url(), sensitive=True)
    return case


@transaction.atomic
def case_request_assessment(*, case_id: int, focal_point, by) -> Case:
    """Ask a focal point of the case's country for a risk assessment. They
    get the assessment form (no identity, contacts or whereabouts), once."""
    case = _lock(case_id)
    if not may_change_case(by, case):
        raise CaseworkRefused(_("Vous n'avez pas le droit de demander une évaluation pour ce cas."), status=403)
    if not focal_point.is_active or not focal_point.has_role(Role.COUNTRY_FOCAL_POINT) or focal_point.country != case.country:
        raise CaseworkRefused(_("Choisissez un point focal du pays du cas."), status=400)
    grant(focal_point, case, "assess")
    record_event(case, by=by, comment=_("Évaluation du risque demandée à %(person)s.") % {"person": focal_point})
    # The focal point may open the assessment form, not the case.
    url = reverse("casework:assessment", kwargs={"reference": case.reference})
    notify({focal_point.pk}, "casework.assessment_requested", {"reference": case.reference}, url=url, sensitive=True)
    return case


@transaction.atomic
def case_assess(*, case_id: int, by, risk_level: str, urgency: str, risk_assessment: str, requested_amount=None) -> Case:
    """Record the risk assessment. A changed urgency moves the decision
    deadline (always counted from receipt)."""
    case = _lock(case_id)
    if not may_assess(by, case):
        raise CaseworkRefused(_("Vous n'avez pas le droit d'évaluer ce cas."), status=403)
    if not is_assessable(case):
        raise CaseworkRefused(_("L'évaluation du risque se fait avant la décision."))
    case.risk_level = risk_level
    case.risk_assessment = risk_assessment
    case.assessed_at = timezone.now()
    case.assessed_by = by
    fields = ["risk_level", "risk_assessment", "assessed_at", "assessed_by", "updated_at"]
    if urgency and urgency != case.urgency:
        case.urgency = urgency
        case.deadline_at = case.deadline_for(case.state, case.state_entered_at)
        fields += ["urgency", "deadline_at"]
    if requested_amount is not None and may_change_case(by, case):
        case.requested_amount = requested_amount
        fields.append("requested_amount")
    case.save(update_fields=fields)
    record_event(
        case,
        by=by,
        comment=_("Évaluation du risque : %(level)s ; urgence : %(urgency)s.")
        % {"level": case.get_risk_level_display(), "urgency": case.get_urgency_display()},
    )
    if not may_change_case(by, case):
        revoke(by, case, "assess")  # a focal point assesses once
    return case


def _fund(fund_id) -> Fund:
    fund = Fund.objects.filter(pk=fund_id, is_active=True).first()
    if fund is None:
        raise CaseworkRefused(_("Choisissez un fonds actif."), status=400)
    return fund


def case_send_to_committee(*, case_id: int, by, proposed_amount, fund_id) -> Case:
    case = Case.objects.get(pk=case_id)
    perform(case, "send_to_committee", by=by, proposed_amount=proposed_amount, fund=_fund(fund_id))
    return case


def case_fast_track(*, case_id: int, by, proposed_amount, fund_id) -> Case:
    """A critical case: the chair alone decides (a one-seat ballot); the
    committee ratifies afterwards."""
    case = Case.objects.get(pk=case_id)
    perform(case, "fast_track", by=by, proposed_amount=proposed_amount, fund=_fund(fund_id))
    return case


def case_revise_proposal(*, case_id: int, by, proposed_amount, fund_id) -> Case:
    """The chair changes the amount or the fund under review; the open ballot
    is replaced by a new one (same route: committee or fast track)."""
    case = Case.objects.get(pk=case_id)
    perform(case, "revise_proposal", by=by, proposed_amount=proposed_amount, fund=_fund(fund_id))
    return case


def case_refer_elsewhere(*, case_id: int, by, referred_to: str) -> Case:
    case = Case.objects.get(pk=case_id)
    perform(case, "refer_elsewhere", by=by, referred_to=referred_to, comment=referred_to)
    return case


@transaction.atomic
def wellbeing_check_record(*, check_id: int, by, note: str) -> WellbeingCheck:
    check = WellbeingCheck.objects.select_related("case").get(pk=check_id)
    case = _lock(check.case_id)
    if not may_change_case(by, case):
        raise CaseworkRefused(_("Vous n'avez pas le droit de suivre ce cas."), status=403)
    if check.done_at is None:
        check.done_at = timezone.now()
        check.done_by = by
        check.note = note
        check.save(update_fields=["done_at", "done_by", "note"])
        record_event(case, by=by, comment=_("Point de suivi du %(date)s fait.") % {"date": check.due_on.isoformat()})
    return check


def wellbeing_reminders_send(*, today=None) -> int:
    """Remind the officer (and the chair) of each wellbeing check that is due,
    once per check."""
    from .committee import emergency_committee

    today = today or timezone.localdate()
    chair_id = emergency_committee().chair_id
    sent = 0
    due = WellbeingCheck.objects.filter(done_at__isnull=True, due_on__lte=today, case__state=Case.State.FOLLOW_UP).select_related("case")
    for check in due:
        with transaction.atomic():
            recipients = {check.case.officer_id, chair_id} - {None}
            sent += notify(
                recipients,
                "casework.wellbeing_due",
                {"reference": check.case.reference, "due_on": check.due_on.isoformat()},
                url=check.case.get_absolute_url(),
                sensitive=True,
                key=f"wellbeing:{check.pk}",
            )
    return sent
