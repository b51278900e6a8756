"""The emergency fund's reads, already scoped to what the person may see.

Lists never load the encrypted columns (they are deferred): a list shows
code names and plain facts only, and costs the same few queries for 5 rows
or 500.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404

from approvals.access import access, can, visible

from .models import Case, CaseAccessLog, CaseSupport, Disbursement, Fund, Incident

ENCRYPTED_CASE_FIELDS = ("legal_name", "aliases", "phone", "email", "messaging", "whereabouts", "threat_narrative", "risk_assessment")


def visible_cases(user, *, action: str = "view"):
    return visible(user, Case.objects.all(), action)


def case_list(user, *, state: str = "", country: str = "", urgency: str = "", search: str = "", overdue: bool = False):
    """Cases the person may see, newest deadline first; search on the code
    name and the reference only (never on encrypted fields)."""
    queryset = (
        visible_cases(user)
        .defer(*ENCRYPTED_CASE_FIELDS)
        .select_related("officer", "fund")
        .prefetch_related(Prefetch("support_types", queryset=CaseSupport.objects.order_by("kind")))
    )
    if state:
        queryset = queryset.filter(state=state)
    if country:
        queryset = queryset.filter(country=country)
    if urgency:
        queryset = queryset.filter(urgency=urgency)
    if search:
        queryset = queryset.filter(Q(code_name__icontains=search) | Q(reference__icontains=search))
    if overdue:
        from django.utils import timezone

        queryset = queryset.filter(deadline_at__lt=timezone.now())
    return queryset.order_by("deadline_at", "-received_at")


def case_for(user, reference: str, *, action: str = "view") -> Case:
    """One case for `user`. Someone who may not know it exists gets 404; the
    referring focal point, who knows it exists, gets 403 outside its status page."""
    try:
        return access(user, Case, action=action, reference=reference)
    except Http404:
        case = Case.objects.filter(reference=reference).only("pk", "reference").first()
        if case is not None and user.is_authenticated and can(user, "view_status", case):
            raise PermissionDenied from None
        raise


def referred_case_for(user, reference: str) -> Case:
    """A referred case's status, for its referrer (or anyone who sees the case)."""
    case = Case.objects.defer(*ENCRYPTED_CASE_FIELDS).filter(reference=reference).first()
    if case is None or not (can(user, "view_status", case) or can(user, "view", case)):
        raise Http404
    return case


def my_referrals(user):
    return visible(user, Case.objects.defer(*ENCRYPTED_CASE_FIELDS), "view_status").order_by("-received_at")


def cases_to_decide(user):
    return visible_cases(user).defer(*ENCRYPTED_CASE_FIELDS).filter(state=Case.State.COMMITTEE_REVIEW).order_by("deadline_at")


def new_requests(user):
    """Requests received that no officer has yet, most urgent deadline first."""
    return (
        visible_cases(user)
        .defer(*ENCRYPTED_CASE_FIELDS)
        .filter(state=Case.State.RECEIVED, officer__isnull=True)
        .order_by("deadline_at", "received_at")
    )


def assessments_requested(user):
    """Open cases whose risk assessment was asked of this person (an object
    right "assess") and is not given yet."""
    return (
        visible(user, Case.objects.defer(*ENCRYPTED_CASE_FIELDS), "assess")
        .filter(assessed_at__isnull=True, state__in=Case.PRE_DECISION)
        .order_by("deadline_at")
    )


def officer_cases(user):
    return (
        Case.objects.defer(*ENCRYPTED_CASE_FIELDS)
        .filter(officer=user, state__in=[*Case.OPEN, Case.State.ON_HOLD])
        .order_by("deadline_at", "-received_at")
    )


def disbursements_to_confirm(user):
    if not user.has_perm("casework.confirm_disbursement"):
        return Disbursement.objects.none()
    return (
        Disbursement.objects.filter(status=Disbursement.Status.AWAITING_CONFIRMATION, case__in=visible_cases(user))
        .exclude(requested_by=user)
        .select_related("case", "requested_by")
        .defer("beneficiary_account")
        .order_by("requested_at")
    )


def case_disbursements(case):
    return case.disbursements.select_related("requested_by", "confirmed_by", "proof").order_by("requested_at", "id")


def funds():
    return Fund.objects.order_by("-is_active", "name")


def access_log(*, reference: str = ""):
    queryset = CaseAccessLog.objects.select_related("user", "case").order_by("-at", "-id")
    if reference:
        queryset = queryset.filter(case__reference=reference)
    return queryset


def incidents_for(user):
    """All incidents for the committee and officers; their own country's for focal points."""
    from accounts.roles import Role

    queryset = Incident.objects.defer("place", "summary").order_by("-occurred_on", "-id")
    if user.has_role(Role.EMERGENCY_MEMBER, Role.EMERGENCY_CHAIR, Role.CASE_OFFICER):
        return queryset
    if user.has_role(Role.COUNTRY_FOCAL_POINT) and user.country:
        return queryset.filter(country=user.country)
    return queryset.none()


def incidents_to_verify(user):
    """Incidents the person sees that nobody has verified yet, oldest first."""
    return incidents_for(user).filter(verification=Incident.Verification.UNVERIFIED).order_by("occurred_on", "id")


def incident_for(user, reference: str) -> Incident:
    incident = incidents_for(user).filter(reference=reference).first()
    if incident is None:
        raise Http404
    return Incident.objects.get(pk=incident.pk)
