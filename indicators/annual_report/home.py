"""The home page's link to the annual report, for those who make it."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .access import may_make_annual_report


def annual_report_section(request):
    if not may_make_annual_report(request.user):
        return None
    return [
        {
            "title": _("Indicateurs et rapports"),
            "items": [{"label": _("Rapport annuel (.docx et PDF)"), "url": reverse("indicators:annual_report")}],
            "empty_text": "",
        }
    ]
