"""The emergency fund's reads, already scoped to what the person may see.

Lists never load the encrypted columns (they are deferred): a list shows
code names and plain facts only, and costs the same few queries for 5 rows
or 500.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404

from accounts.roles import Role
from approvals.access import access, can, visible
from approvals.models import Letter

from .models import Case, CaseAccessLog, CaseDocument, CaseSupport, Disbursement, Fund, Incident
from .permissions import may_assess, may_confirm_disbursements, may_follow_status

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


def access_case(user, reference: str, *, action: str = "view") -> Case:
    """One case for `user`. Someone who may not know it exists gets 404; the
    referring focal point, who knows it exists, gets 403 outside its status page."""
    try:
        return access(user, Case, action=action, reference=reference)
    except Http404:
        case = Case.objects.filter(reference=reference).only("pk", "reference").first()
        if case is not None and user.is_authenticated and can(user, "view_status", case):
            raise PermissionDenied from None
        raise


def access_case_to_assess(user, reference: str) -> Case:
    """A case for its risk assessment: whoever may change it, or the focal
    point asked to assess it (who may not see the rest); the others get
    what access_case gives them (404, or 403 for the referrer)."""
    case = Case.objects.filter(reference=reference).first()
    if case is None or not may_assess(user, case):
        access_case(user, reference)
        raise Http404
    return case


def access_referred_case(user, reference: str) -> Case:
    """A referred case's status, for its referrer (or anyone who sees the case)."""
    case = Case.objects.defer(*ENCRYPTED_CASE_FIELDS).filter(reference=reference).first()
    if case is None or not may_follow_status(user, case):
        raise Http404
    return case


def access_disbursement(user, pk: int) -> Disbursement:
    """A disbursement, for whoever may see its case (404 otherwise, 403 for the referrer)."""
    disbursement = Disbursement.objects.defer("beneficiary_account").filter(pk=pk).select_related("case").first()
    if disbursement is None:
        raise Http404
    access_case(user, disbursement.case.reference)
    return disbursement


def access_case_document(case, pk: int) -> CaseDocument:
    """A document of a case already fetched for the reader (access_case)."""
    document = CaseDocument.objects.filter(pk=pk, case=case).first()
    if document is None:
        raise Http404
    return document


def case_letters(case) -> list:
    return list(Letter.objects.filter(dossier_reference=case.reference).order_by("-id"))


def access_case_letter(case, pk: int) -> Letter:
    """A letter of a case already fetched for the reader; 404 without its file."""
    letter = Letter.objects.filter(pk=pk, dossier_reference=case.reference).first()
    if letter is None or not letter.file:
        raise Http404
    return letter


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
    if not may_confirm_disbursements(user):
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
    queryset = Incident.objects.defer("place", "summary").order_by("-occurred_on", "-id")
    if user.has_role(Role.EMERGENCY_MEMBER, Role.EMERGENCY_CHAIR, Role.CASE_OFFICER):
        return queryset
    if user.has_role(Role.COUNTRY_FOCAL_POINT) and user.country:
        return queryset.filter(country=user.country)
    return queryset.none()


def incidents_to_verify(user):
    """Incidents the person sees that nobody has verified yet, oldest first."""
    return incidents_for(user).filter(verification=Incident.Verification.UNVERIFIED).order_by("occurred_on", "id")


def access_incident(user, reference: str) -> Incident:
    incident = incidents_for(user).filter(reference=reference).first()
    if incident is None:
        raise Http404
    return Incident.objects.get(pk=incident.pk)


def incident_cases(user, incident):
    """The cases linked to an incident that the person may see."""
    return visible(user, incident.cases.defer(*ENCRYPTED_CASE_FIELDS))
