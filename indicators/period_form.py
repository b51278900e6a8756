"""Choosing a period on a page: a year, a quarter, or two dates (GET form)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .periods import Period


class PeriodForm(forms.Form):
    KINDS = [("annee", _("Année")), ("trimestre", _("Trimestre")), ("dates", _("Du … au …"))]

    periode = forms.ChoiceField(label=_("Période"), choices=KINDS, initial="annee", required=False)
    annee = forms.IntegerField(label=_("Année"), min_value=2000, max_value=2100, required=False)
    trimestre = forms.TypedChoiceField(
        label=_("Trimestre"), choices=[(n, f"T{n}") for n in range(1, 5)], coerce=int, required=False
    )
    du = forms.DateField(label=_("Du"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    au = forms.DateField(label=_("Au"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].initial = timezone.localdate().year

    def clean(self):
        data = super().clean()
        kind, year = data.get("periode"), data.get("annee") or timezone.localdate().year
        try:
            if kind == "trimestre":
                if not data.get("trimestre"):
                    raise forms.ValidationError(_("Choisissez le trimestre."))
                data["period"] = Period.quarter(year, data["trimestre"])
            elif kind == "dates":
                if not data.get("du") or not data.get("au"):
                    raise forms.ValidationError(_("Indiquez les deux dates."))
                data["period"] = Period.between(data["du"], data["au"])
            else:
                data["period"] = Period.year(year)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
        return data

    def period(self) -> Period:
        """The chosen period; the current year when the form is not filled in or wrong."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["period"]
        return Period.year(timezone.localdate().year)


__all__ = ["PeriodForm"]
