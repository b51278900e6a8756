"""Reads of governance, scoped to what the reader may see.

- The COPIL (members, chair), the secretariat and auditors read every
  document and every version (a role's model permission `view_document`).
- A working group's members read all of their group's documents.
- Anyone else reads adopted documents published to them: the public (anyone,
  signed in or not), the network's members (any signed-in account with a role
  other than applicant), the COPIL. They read the adopted version of it;
  a document a newer one replaces stays readable to that same audience.
"""

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from accounts.roles import Role
from approvals.models import Meeting
from members.models import Organisation

from .models import Document, DocumentVersion, WorkingGroup

READ_ALL_PERMISSION = "governance.view_document"


def reads_everything(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm(READ_ALL_PERMISSION)


def audiences_of(user) -> list[str]:
    """The published audiences `user` belongs to."""
    audiences = [Document.Audience.PUBLIC]
    if user.is_authenticated and user.is_active and (user.role_codes - {Role.APPLICANT} or user.is_superuser):
        audiences.append(Document.Audience.MEMBERS)
        if user.has_role(Role.COPIL_MEMBER, Role.COPIL_CHAIR) or reads_everything(user):
            audiences.append(Document.Audience.COPIL)
    return audiences


def _published_q(user) -> Q:
    return Q(state=Document.State.ADOPTED, published_audience__in=audiences_of(user))


def visible_documents(user):
    """Every document `user` may open (one query)."""
    queryset = Document.objects.select_related("working_group__committee", "adopted_version")
    if reads_everything(user):
        return queryset
    return queryset.filter(_published_q(user) | WorkingGroup.membership_q(user, "working_group__")).distinct()


def published_documents(user, *, public_only: bool = False):
    """Adopted documents published to `user`, newest first, those a newer adopted one replaces left out."""
    audience = Q(state=Document.State.ADOPTED, published_audience=Document.Audience.PUBLIC) if public_only else _published_q(user)
    return (
        Document.objects.filter(audience)
        .exclude(superseded_by__state=Document.State.ADOPTED)
        .select_related("working_group__committee", "adopted_version")
        .order_by("-adopted_at", "-id")
    )


def sees_all_versions(user, document: Document) -> bool:
    """The group's members and the readers of every document see each version; the audience the adopted one."""
    return reads_everything(user) or document.working_group.is_member(user) or (user.is_authenticated and user.is_superuser)


def access_document(user, reference: str, *, for_update: bool = False) -> Document:
    queryset = visible_documents(user) if not for_update else Document.objects.select_for_update().filter(
        pk__in=visible_documents(user).values("pk")
    )
    try:
        return queryset.get(reference=reference)
    except Document.DoesNotExist:
        raise Http404 from None


def versions_for(user, document: Document):
    if sees_all_versions(user, document):
        return list(document.versions.select_related("uploaded_by").order_by("-number"))
    if document.adopted_version_id:
        return [document.adopted_version]
    return []


def access_version(user, reference: str, number: int) -> DocumentVersion:
    document = access_document(user, reference)
    for version in versions_for(user, document):
        if version.number == number:
            return version
    raise Http404


def groups_for_page():
    return WorkingGroup.objects.select_related("committee", "lead").order_by("position", "id")


def documents_of_group(user, group: WorkingGroup):
    return visible_documents(user).filter(working_group=group).order_by("-created_at", "-id")


def meetings_held(*, period, kind=None) -> int:
    """How many meetings took place in `period` (indicators.periods.Period:
    dates [start, end)), of one kind or of a list of kinds, or all; a
    meeting counts once its date has come."""
    today = timezone.localdate()
    meetings = Meeting.objects.filter(date__gte=period.start, date__lt=period.end, date__lte=today)
    if kind is not None:
        kinds = [kind] if isinstance(kind, str) else list(kind)
        meetings = meetings.filter(kind__in=kinds)
    return meetings.count()


def plenary_meetings_for(user):
    """Plenaries and General Assemblies, for anyone in their audience: the
    members' focal points, the committees, the secretariat."""
    plenaries = Meeting.objects.filter(kind__in=list(Meeting.PLENARY_KINDS)).select_related("committee")
    if not user.is_authenticated:
        return plenaries.none()
    if user.has_perm("approvals.view_meetingballot") or user.has_perm("governance.view_assembly"):
        return plenaries.order_by("-date", "-id")
    allowed = Q(committee__chair=user) | Q(committee__members=user)
    if Organisation.objects.filter(state__in=["active", "suspended"], focal_points=user).exists():
        allowed |= Q(pk__isnull=False)
    allowed |= Q(assembly__delegations__delegate=user)
    return plenaries.filter(allowed).distinct().order_by("-date", "-id")
