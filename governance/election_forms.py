from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.formfields import ModelChoiceField, ModelMultipleChoiceField, formfield

from .models import Assembly, Candidacy, Election

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ElectionForm(forms.ModelForm):
    """An election and its rules (the statutes' numbers)."""

    class Meta:
        model = Election
        formfield_callback = formfield
        fields = ["committee", "assembly", "title", "seats", "term_starts_on", "term_ends_on", "max_per_country", "min_women", "max_terms"]
        widgets = {"term_starts_on": DATE, "term_ends_on": DATE}

    def __init__(self, *args, committees=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees
        self.fields["assembly"].queryset = Assembly.objects.select_related("meeting").order_by("-meeting__date", "-pk")
        self.fields["seats"].min_value = 1
        self.fields["seats"].widget.attrs["min"] = 1

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("term_starts_on"), cleaned.get("term_ends_on")
        if start and end and end <= start:
            self.add_error("term_ends_on", _("Le mandat doit finir après avoir commencé."))
        seats, women, cap = cleaned.get("seats"), cleaned.get("min_women"), cleaned.get("max_per_country")
        if seats is not None and seats < 1:
            self.add_error("seats", _("Il faut au moins un siège."))
        if seats and women is not None and women > seats:
            self.add_error("min_women", _("Le nombre minimum de femmes ne peut dépasser le nombre de sièges."))
        if cap is not None and cap < 1:
            self.add_error("max_per_country", _("Le plafond par pays doit être d'au moins un siège."))
        return cleaned

    def _post_clean(self):
        # The service creates the election (its reference, its author); the
        # database's checks are proven there, not on an unsaved instance.
        pass


class CandidacyForm(forms.Form):
    organisation = ModelChoiceField(label=_("Organisation qui présente"), queryset=None)
    person = ModelChoiceField(label=_("Candidat·e"), queryset=None, help_text=_("Une personne qui a un compte dans Relais."))
    gender = forms.ChoiceField(label=_("Genre"), choices=Candidacy.Gender.choices)
    statement = forms.CharField(label=_("Profession de foi"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        people = get_user_model().objects.filter(is_active=True, organisations__in=organisations).distinct().order_by("full_name", "email")
        self.fields["person"].queryset = people


class VoteForm(forms.Form):
    organisation = ModelChoiceField(label=_("Je vote pour"), queryset=None)
    candidacies = ModelMultipleChoiceField(
        label=_("Mes choix"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, election, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.election = election
        self.fields["organisation"].queryset = organisations
        self.fields["candidacies"].queryset = election.candidacies.select_related("organisation", "person").order_by("person__full_name")
        self.fields["candidacies"].label_from_instance = lambda c: f"{c.person} — {c.organisation} ({c.organisation.country_name})"
        self.fields["candidacies"].help_text = _("Au plus %(seats)s. Aucune case cochée : bulletin blanc.") % {"seats": election.seats}

    def clean_candidacies(self):
        chosen = self.cleaned_data["candidacies"]
        if len(chosen) > self.election.seats:
            raise forms.ValidationError(_("Choisissez au plus %(seats)s candidat·es.") % {"seats": self.election.seats})
        return chosen


class MinutesForm(forms.Form):
    language = forms.ChoiceField(label=_("Langue du procès-verbal"), choices=settings.LANGUAGES)
