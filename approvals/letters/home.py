"""The chair's section of "Ce qui m'attend": meetings and letters."""

from django.urls import reverse
from django.utils.translation import gettext as _

from django.db.models import OuterRef

from accounts.home import count, exists, probe, register_probe

from ..models import Ballot, Letter, MeetingBallot

register_probe(
    "letters.failed",
    count(Letter.objects.filter(decision__committee__chair=OuterRef("pk"), pdf_status=Letter.PdfStatus.FAILED)),
)
# Votes recorded in a meeting that wait for the chair's confirmation.
_UNCONFIRMED = {"confirmed_at__isnull": True, "ballot__status": Ballot.Status.OPEN}
register_probe("letters.to_confirm", exists(MeetingBallot.objects.filter(meeting__committee__chair=OuterRef("pk"), **_UNCONFIRMED)))


def chair_letters(request):
    user = request.user
    if not user.is_authenticated or not probe(request, "approvals.chairs"):
        return None
    failed = probe(request, "letters.failed")
    waiting = []
    if probe(request, "letters.to_confirm"):  # most days none: no query then
        waiting = MeetingBallot.objects.filter(meeting__committee__chair=user, **_UNCONFIRMED).select_related("meeting", "ballot")[:20]
    to_confirm = [
        {
            "label": f"{record.ballot.dossier_reference} — {record.ballot.question}",
            "url": reverse("letters:meeting_ballot", kwargs={"pk": record.meeting_id, "ballot_pk": record.ballot_id}),
            "meta": _("votes en séance (%(meeting)s) à confirmer") % {"meeting": record.meeting.reference},
        }
        for record in waiting
    ]
    sections = []
    if to_confirm:
        sections.append({"title": _("Votes en séance à confirmer"), "items": to_confirm, "empty_text": ""})
    items = [
        {"label": _("Réunions et procès-verbaux"), "url": reverse("letters:meetings")},
        {"label": _("Lettres de décision"), "url": reverse("letters:decisions")},
    ]
    if failed:
        items[1]["meta"] = _("%(count)d lettre(s) sans PDF") % {"count": failed}
    return [*sections, {"title": _("Lettres et réunions"), "items": items, "empty_text": ""}]


def secretariat_meetings(request):
    """The secretariat's section: meetings whose votes it records."""
    user = request.user
    if not user.is_authenticated or not user.has_perm("approvals.add_meetingballot") or user.chaired_committees.exists():
        return None
    from .selectors import meetings_for

    items = [
        {"label": f"{meeting.title} · {meeting.committee.name}", "url": meeting.get_absolute_url(), "meta": meeting.reference}
        for meeting in meetings_for(user)[:5]
    ]
    items.append({"label": _("Toutes les réunions"), "url": reverse("letters:meetings")})
    return [{"title": _("Réunions : votes en séance"), "items": items, "empty_text": ""}]
