from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The first year Relais can report on.
FIRST_YEAR = 2024


def _years():
    return [(year, str(year)) for year in range(timezone.localdate().year, FIRST_YEAR - 1, -1)]


class AnnualReportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Année"), coerce=int, choices=_years)
    language = forms.ChoiceField(label=_("Langue du rapport"), choices=settings.LANGUAGES)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("docx", _("Document Word (.docx), à compléter")), ("pdf", _("PDF, à diffuser"))],
        initial="docx",
        widget=forms.RadioSelect,
    )
