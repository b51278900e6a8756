"""Reads for members: querysets already scoped to what the reader may see."""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q
from django.http import Http404

from approvals.access import access, visible

from . import permissions, visibility
from .models import ApplicationDocument, MembershipApplication, Organisation, Reference


def organisations_of(user):
    """The member organisations a user acts for (as one of its focal points)."""
    if user is None or not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(focal_points=user)


# --- The directory ---------------------------------------------------------------------


def directory(level, *, country: str = "", domain: str = "", target_group: str = "", text: str = "", state: str = ""):
    """Directory entries a reader of `level` sees, filtered, in the same few
    queries whatever their number (relations prefetched)."""
    states = visibility.visible_states(level)
    queryset = Organisation.objects.filter(state__in=states)
    if state and state in states:
        queryset = queryset.filter(state=state)
    if country:
        queryset = queryset.filter(country=country)
    if domain:
        queryset = queryset.filter(domains__code=domain)
    if target_group:
        queryset = queryset.filter(target_groups__code=target_group)
    text = (text or "").strip()
    if text:
        fields = set(visibility.visible_fields(level))
        condition = Q()
        for name in visibility.SEARCHABLE_FIELDS:
            if name in fields:
                condition |= Q(**{f"{name}__icontains": text})
        queryset = queryset.filter(condition)
    prefetch = ["domains", "target_groups"]
    if "focal_points" in visibility.visible_fields(level):
        prefetch.append(Prefetch("focal_points", queryset=get_user_model().objects.order_by("full_name")))
    return queryset.distinct().prefetch_related(*prefetch).order_by("country", "name")


def access_organisation(user, pk: int, *, level=None) -> Organisation:
    """One directory entry as `user` reads it (or at a lower `level`, the
    public preview); 404 when it is missing or not visible at that level."""
    if level is None:
        level = permissions.directory_level(user)
    try:
        return directory(level).get(pk=pk)
    except Organisation.DoesNotExist:
        raise Http404 from None


# --- Applications ---------------------------------------------------------------------


def access_application(user, *, action: str = "view", for_update: bool = False, **lookup) -> MembershipApplication:
    """One application (by `reference=` or `pk=`) on which `user` holds
    `action`; 404 alike when it is missing or forbidden."""
    return access(user, MembershipApplication, action=action, for_update=for_update, **lookup)


def access_document(user, *, reference: str, pk: int) -> ApplicationDocument:
    """A document of an application `user` may see; 404 otherwise."""
    application = access_application(user, reference=reference)
    try:
        return application.documents.get(pk=pk)
    except ApplicationDocument.DoesNotExist:
        raise Http404 from None


def applications_visible(user):
    return visible(user, MembershipApplication.objects.all()).select_related("owner")


def applications_listed(user, *, state: str = ""):
    """The list of the working group and the COPIL, newest first: one state,
    or every state but drafts."""
    applications = applications_visible(user)
    if state in MembershipApplication.State.values:
        applications = applications.filter(state=state)
    else:
        applications = applications.exclude(state=MembershipApplication.State.DRAFT)
    return applications.order_by("-created_at")


def applications_to_screen(user):
    """Submitted or being screened (for the membership working group), oldest first."""
    if not permissions.may_screen(user):
        return MembershipApplication.objects.none()
    return MembershipApplication.objects.filter(state__in=MembershipApplication.SCREENING_STATES).order_by("deadline_at", "created_at")


def applications_of(user):
    """The applications a person filed (or may change as the applicant)."""
    if user is None or not user.is_authenticated:
        return MembershipApplication.objects.none()
    from guardian.utils import get_user_obj_perms_model

    perms = get_user_obj_perms_model(MembershipApplication)
    own = perms.objects.filter(user=user, permission__codename="change_membershipapplication").values(
        "content_object_id"
    )
    return MembershipApplication.objects.filter(Q(owner=user) | Q(pk__in=own)).order_by("-created_at")


def references_waiting(user):
    """References my organisations were asked for and have not answered yet."""
    return (
        Reference.objects.filter(
            organisation__in=organisations_of(user).filter(state=Organisation.State.ACTIVE),
            status=Reference.Status.PENDING,
            requested_at__isnull=False,
            application__state__in=MembershipApplication.OPEN_STATES,
        )
        .select_related("application", "organisation")
        .order_by("requested_at")
    )


def access_reference(user, pk: int) -> Reference:
    """A reference one of my organisations was asked for; 404 otherwise."""
    try:
        return (
            Reference.objects.select_related("application", "organisation")
            .filter(organisation__in=organisations_of(user), requested_at__isnull=False)
            .get(pk=pk)
        )
    except Reference.DoesNotExist:
        raise Http404 from None
