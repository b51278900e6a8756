"""The filters of the indicators page (GET): a year, a quarter of it, or
two dates; a country; a gender where people are counted."""

import datetime as dt

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.models import Gender

from .periods import Period

QUARTERS = [("", _("Toute l'année")), ("1", _("1er trimestre")), ("2", _("2e trimestre")), ("3", _("3e trimestre")), ("4", _("4e trimestre"))]


class IndicatorFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Année"), required=False, min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Trimestre"), required=False, choices=QUARTERS, coerce=int, empty_value=None)
    start = forms.DateField(label=_("Du"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Au"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    country = forms.ChoiceField(label=_("Pays"), required=False)
    gender = forms.ChoiceField(
        label=_("Genre (fonds d'urgence)"), required=False, choices=[("", _("Tous")), *Gender.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Tous")), *settings.RELAIS_COUNTRIES]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if bool(start) != bool(end):
            raise forms.ValidationError(_("Indiquez les deux dates de la période, ou aucune."))
        if start and end:
            if end < start:
                raise forms.ValidationError(_("La fin de la période précède son début."))
            if (end - start).days > 3660:
                raise forms.ValidationError(_("La période ne peut pas dépasser dix ans."))
        return data

    def period(self) -> Period:
        """The period asked for; the current year when nothing (valid) was asked."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("start") and data.get("end"):
            return Period.between(data["start"], data["end"])
        year = data.get("year") or timezone.localdate().year
        if data.get("quarter"):
            return Period.quarter(year, data["quarter"])
        return Period.year(year)

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {"country": data.get("country") or "", "gender": data.get("gender") or ""}

    def query(self) -> str:
        """The valid filters as a query string (for the export links)."""
        from urllib.parse import urlencode

        if not self.is_valid():
            return ""
        values = {}
        for name, value in self.cleaned_data.items():
            if value in (None, ""):
                continue
            values[name] = value.isoformat() if isinstance(value, dt.date) else value
        return urlencode(values)
