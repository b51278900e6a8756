"""The entry form of an indicator's value (its responsible group)."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Indicator
from ..periods import Period
from .services import periods_of


def _code(indicator: Indicator, period: Period) -> str:
    if indicator.frequency == Indicator.Frequency.QUARTER:
        return f"{period.start.year}-T{(period.start.month - 1) // 3 + 1}"
    return str(period.start.year)


def _period(code: str) -> Period:
    if "-T" in code:
        year, quarter = code.split("-T")
        return Period.quarter(int(year), int(quarter))
    return Period.year(int(code))


class ValueForm(forms.Form):
    periode = forms.ChoiceField(label=_("Période"))
    value = forms.DecimalField(label=_("Valeur"), max_digits=12, decimal_places=2, min_value=0)
    comment = forms.CharField(label=_("Commentaire"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(
        label=_("Justificatif (PDF, document, tableur ou image ; 10 Mo au plus)"),
        required=False,
        help_text=_("Compte rendu, liste de présence, capture… Rien qui concerne un cas du fonds d'urgence."),
    )

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        periods = [period for year in (this_year, this_year - 1) for period in reversed(periods_of(indicator, year))]
        self.fields["periode"].choices = [(_code(indicator, period), _code(indicator, period)) for period in periods]
        if indicator.measure == Indicator.Measure.DONE:
            self.fields["value"] = forms.TypedChoiceField(
                label=_("Valeur"), choices=[("1", _("Fait")), ("0", _("Pas fait"))], coerce=Decimal
            )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "period": _period(data["periode"]),
            "value": data["value"],
            "comment": data["comment"],
            "evidence": data.get("evidence"),
        }
