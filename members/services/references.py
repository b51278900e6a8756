"""References: member organisations vouching for an applicant."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals.services import notify, record_event

from .. import permissions
from ..models import MembershipApplication, Organisation, Reference
from .common import MembersError


@transaction.atomic
def reference_answer(*, reference_id: int, by, confirm: bool, comment: str = "") -> Reference:
    """A focal point of the named member organisation confirms or declines."""
    reference = Reference.objects.select_for_update().select_related("organisation").get(pk=reference_id)
    organisation = reference.organisation
    if not permissions.is_referee_focal_point(reference, by):
        raise MembersError(_("Seuls les points focaux de l'organisation référente peuvent répondre."), status=403)
    application = MembershipApplication.objects.get(pk=reference.application_id)
    if application.state not in MembershipApplication.OPEN_STATES or reference.requested_at is None:
        raise MembersError(_("Cette demande n'attend plus de référence."))
    if reference.status != Reference.Status.PENDING:
        raise MembersError(_("Votre organisation a déjà répondu à cette demande de référence."))
    reference.status = Reference.Status.CONFIRMED if confirm else Reference.Status.DECLINED
    reference.comment = (comment or "").strip()
    reference.answered_by = by
    reference.answered_at = timezone.now()
    reference.save(update_fields=["status", "comment", "answered_by", "answered_at"])
    message = _("Référence de %(organisation)s : %(answer)s.") % {
        "organisation": organisation.display_name, "answer": reference.get_status_display().lower(),
    }
    record_event(application, by=by, comment=f"{message} {reference.comment}".strip())
    return reference


def request_references(application) -> None:
    """Ask the referees not asked yet (on submission, and on each resubmission)."""
    pending = list(
        Reference.objects.filter(application=application, requested_at__isnull=True).select_related("organisation")
    )
    if not pending:
        return
    Reference.objects.filter(pk__in=[reference.pk for reference in pending]).update(requested_at=timezone.now())
    focal_points = set(
        Organisation.focal_points.through.objects.filter(
            organisation_id__in=[reference.organisation_id for reference in pending]
        ).values_list("user_id", flat=True)
    )
    notify(
        focal_points,
        "members.reference_requested",
        {"reference": application.reference, "organisation": application.name},
        url=reverse("members:references"),
    )
