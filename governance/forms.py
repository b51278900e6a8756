from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from approvals.models import Choice, Threshold

from .services.assembly import RESOLUTION_CHOICES


class AgendaItemForm(forms.Form):
    label = forms.CharField(label=_("Point libre"), max_length=300)


class ItemOutcomeForm(forms.Form):
    outcome = forms.CharField(label=_("Décision prise en séance"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))


class AttendanceForm(forms.Form):
    """One checkbox per person (committee members, organisations' delegates)
    and a list of observers; built from the rows the view passes."""

    def __init__(self, *args, rows, observers, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[row["field"]] = forms.BooleanField(label=row["label"], required=False)
        self.fields["observers"] = forms.MultipleChoiceField(
            label=_("Observateurs et observatrices (sans droit de vote)"), required=False,
            choices=[(str(user.pk), str(user)) for user in observers], widget=forms.CheckboxSelectMultiple,
        )

    def entries(self) -> list[dict]:
        entries = [
            {"person": row["person"], "organisation": row["organisation"], "capacity": row["capacity"]}
            for row in self.rows
            if self.cleaned_data.get(row["field"])
        ]
        entries += [
            {"person": int(pk), "organisation": None, "capacity": "observer"} for pk in self.cleaned_data.get("observers", [])
        ]
        return entries


class AssemblyForm(forms.Form):
    title = forms.CharField(label=_("Intitulé"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    start_time = forms.TimeField(label=_("Heure de début"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    time_zone = forms.ChoiceField(label=_("Fuseau horaire"), choices=(), initial=settings.TIME_ZONE)
    duration_minutes = forms.IntegerField(label=_("Durée (minutes)"), min_value=15, max_value=1440, initial=240)
    place = forms.CharField(label=_("Lieu"), max_length=200, required=False)
    link = forms.URLField(label=_("Lien de connexion"), max_length=300, required=False, assume_scheme="https")
    quorum_percent = forms.IntegerField(label=_("Quorum (% des organisations votantes)"), min_value=1, max_value=100, initial=50)

    def __init__(self, *args, **kwargs):
        from grants.timezones import time_zone_choices

        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = time_zone_choices()

    def clean_date(self):
        value = self.cleaned_data["date"]
        if not 2000 <= value.year <= 2100:
            raise forms.ValidationError(_("Choisissez une date entre 2000 et 2100."))
        return value

    def starts_at(self):
        import datetime as dt
        from zoneinfo import ZoneInfo

        data = self.cleaned_data
        return dt.datetime.combine(data["date"], data["start_time"], tzinfo=ZoneInfo(data["time_zone"]))


class ProxyForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int, choices=())
    proxy = forms.EmailField(label=_("Adresse e-mail de la personne mandatée"), max_length=254)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(org.pk, str(org)) for org in organisations]


class ResolutionForm(forms.Form):
    title = forms.CharField(label=_("Intitulé de la résolution"), max_length=200)
    text = forms.CharField(label=_("Texte"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    threshold = forms.ChoiceField(
        label=_("Majorité requise"),
        choices=[(value, label) for value, label in Threshold.choices if value != Threshold.SINGLE_APPROVER],
    )


class ResolutionVoteForm(forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    choice = forms.ChoiceField(label=_("Vote"), choices=[(c.value, c.label) for c in Choice if c in RESOLUTION_CHOICES])
