from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.formfields import ModelMultipleChoiceField, formfield

from ..models import LetterTemplate, Meeting
from .rendering import TemplateRefused, check_template
from .services.issuing import MAX_TEMPLATE_BYTES, letter_template_inspect
MAX_VERIFY_BYTES = 20 * 1024 * 1024


class LetterTemplateUploadForm(forms.ModelForm):
    """A new version of a template, checked before it is kept."""

    file = forms.FileField(
        label=_("Fichier .docx"),
        help_text=_("Le modèle est vérifié au dépôt : il doit s'ouvrir et n'utiliser que les variables de son type."),
    )

    class Meta:
        model = LetterTemplate
        formfield_callback = formfield
        fields = ["kind", "language", "note"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_TEMPLATE_BYTES:
            raise forms.ValidationError(_("Le fichier dépasse 5 Mo : un modèle de lettre est bien plus léger."))
        # Inspected as an archive (streamed, under caps) before the template is opened.
        try:
            self.content = letter_template_inspect(upload)
        except TemplateRefused as refused:
            raise forms.ValidationError(refused.errors) from None
        return upload

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind and getattr(self, "content", None) is not None:
            try:
                check_template(self.content, kind)
            except TemplateRefused as refused:
                self.add_error("file", refused.errors)
        return cleaned


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Code de vérification"),
        max_length=64,
        help_text=_("Imprimé au bas de la lettre, par exemple ABCD-EFGH-JKMN-PQRS-TVWX-YZ23."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
    file = forms.FileField(
        label=_("Fichier de la lettre (facultatif)"),
        required=False,
        help_text=_("Le .docx ou le PDF reçu : nous vérifions qu'il n'a pas été modifié. Il n'est pas conservé."),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_VERIFY_BYTES:
            raise forms.ValidationError(_("Le fichier dépasse 20 Mo : ce ne peut pas être une lettre de Relais."))
        return upload


class MeetingForm(forms.ModelForm):
    """The date, and (for invitations) the start time read in the chosen time zone."""

    start_time = forms.TimeField(
        label=_("Heure de début"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Nécessaire pour envoyer les invitations."),
    )
    link = forms.URLField(label=_("Lien de connexion"), max_length=300, required=False, assume_scheme="https")

    class Meta:
        model = Meeting
        formfield_callback = formfield
        fields = ["committee", "title", "kind", "date", "start_time", "time_zone", "duration_minutes", "place", "link"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, committees=None, **kwargs):
        from grants.timezones import time_zone_choices

        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees
        self.fields["time_zone"] = forms.ChoiceField(
            label=_("Fuseau horaire"), choices=time_zone_choices(), initial=settings.TIME_ZONE, required=False
        )

        self.fields["duration_minutes"].required = False
        self.fields["duration_minutes"].widget.attrs.update(min=15, max=1440)

    def clean_date(self):
        value = self.cleaned_data["date"]
        if not 2000 <= value.year <= 2100:
            raise forms.ValidationError(_("Choisissez une date entre 2000 et 2100."))
        return value

    def clean_duration_minutes(self):
        value = self.cleaned_data.get("duration_minutes") or 120
        if not 15 <= value <= 1440:
            raise forms.ValidationError(_("Entre 15 minutes et 24 heures."))
        return value

    def meeting_fields(self) -> dict:
        """The keyword arguments of meeting_create."""
        import datetime as dt
        from zoneinfo import ZoneInfo

        data = dict(self.cleaned_data)
        data["time_zone"] = data.get("time_zone") or settings.TIME_ZONE
        start_time = data.pop("start_time", None)
        if start_time is not None:
            data["starts_at"] = dt.datetime.combine(data["date"], start_time, tzinfo=ZoneInfo(data["time_zone"]))
        return data


class MeetingRecordForm(forms.Form):
    attendees = ModelMultipleChoiceField(
        label=_("Présents"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    decisions = ModelMultipleChoiceField(
        label=_("Décisions prises en séance"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(label=_("Points divers"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, members, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members
        self.fields["decisions"].queryset = decisions
        self.fields["decisions"].label_from_instance = lambda d: f"{d.reference} — {d.dossier_reference} — {d.get_outcome_display()}"


class MinutesForm(forms.Form):
    language = forms.ChoiceField(label=_("Langue du procès-verbal"), choices=settings.LANGUAGES)
