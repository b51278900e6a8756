"""The chair's section of "Ce qui m'attend": meetings and letters."""

from django.urls import reverse
from django.utils.translation import gettext as _

from django.db.models import OuterRef

from accounts.home import count, probe, register_probe

from ..models import Letter

register_probe(
    "letters.failed",
    count(Letter.objects.filter(decision__committee__chair=OuterRef("pk"), pdf_status=Letter.PdfStatus.FAILED)),
)


def chair_letters(request):
    user = request.user
    if not user.is_authenticated or not probe(request, "approvals.chairs"):
        return None
    failed = probe(request, "letters.failed")
    items = [
        {"label": _("Réunions et procès-verbaux"), "url": reverse("letters:meetings")},
        {"label": _("Lettres de décision"), "url": reverse("letters:decisions")},
    ]
    if failed:
        items[1]["meta"] = _("%(count)d lettre(s) sans PDF") % {"count": failed}
    return [{"title": _("Lettres et réunions"), "items": items, "empty_text": ""}]


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
