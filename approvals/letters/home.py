"""The chair's section of "Ce qui m'attend": meetings and letters."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import Letter
from ..selectors import committee_places


def chair_letters(request):
    user = request.user
    if not user.is_authenticated or not committee_places(user)["chairs"]:
        return None
    failed = Letter.objects.filter(decision__committee__chair=user, pdf_status=Letter.PdfStatus.FAILED).count()
    items = [
        {"label": _("Réunions et procès-verbaux"), "url": reverse("letters:meetings")},
        {"label": _("Lettres de décision"), "url": reverse("letters:decisions")},
    ]
    if failed:
        items[1]["meta"] = _("%(count)d lettre(s) sans PDF") % {"count": failed}
    return [{"title": _("Lettres et réunions"), "items": items, "empty_text": ""}]
