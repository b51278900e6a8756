import re

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.formfields import ModelChoiceField, ModelMultipleChoiceField, formfield

from .models import ApplicationDocument, MembershipApplication, Organisation, TargetGroup, Theme
from .services import ORGANISATION_FIELDS
from .uploads import check_upload, max_upload_bytes


class VocabularyField(ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.label


class OrganisationChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} — {obj.country_name}"


PHONE_PATTERN = re.compile(r"^\+?[0-9 ().\-/]{6,30}$")


class AccountForm(forms.Form):
    """The applicant's own account, created with the first save of a draft."""

    full_name = forms.CharField(label=_("Votre nom complet"), max_length=200)
    email = forms.EmailField(
        label=_("Votre adresse e-mail"),
        help_text=_("Elle vous servira à vous connecter pour suivre votre demande."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Choisissez un mot de passe"),
        strip=False,
        help_text=_("Au moins 10 caractères ; évitez un mot de passe trop courant."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    preferred_language = forms.ChoiceField(label=_("Langue de vos courriers"), choices=settings.LANGUAGES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
        self.fields["preferred_language"].initial = language if language in dict(settings.LANGUAGES) else "fr"

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            try:
                password_validation.validate_password(password)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class ApplicationForm(forms.ModelForm):
    """Every field of an application, in sections. Saving a draft needs only
    the name and the country; submitting needs the rest (see `for_submission`)."""

    SECTIONS = [
        (_("L'organisation"), ["name", "acronym", "country", "province", "city", "year_founded", "description", "website"]),
        (_("Enregistrement légal"), ["registration_number", "registration_date", "registration_authority", "no_registration_reason"]),
        (_("Domaines et publics"), ["domains", "target_groups", "areas_of_intervention"]),
        (_("Contacts"), ["legal_representative", "contact_person", "email", "phone", "messaging", "address"]),
        (_("Références"), ["referees"]),
    ]
    REQUIRED_FOR_SUBMISSION = ("province", "legal_representative", "email", "phone")

    domains = VocabularyField(label=_("Domaines thématiques"), queryset=Theme.objects.all(), required=False)
    target_groups = VocabularyField(label=_("Groupes cibles"), queryset=TargetGroup.objects.all(), required=False)
    referees = OrganisationChoiceField(
        label=_("Organisations membres qui vous recommandent"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Facultatif. Leurs points focaux confirmeront depuis leur compte. "
                    "Sur ordinateur, maintenez Ctrl (ou Cmd) pour en choisir plusieurs."),
    )
    website = forms.URLField(label=_("Site web"), required=False, assume_scheme="https")
    charter_accepted = forms.BooleanField(
        label=_("J'ai lu la charte du réseau et mon organisation s'engage à la respecter."),
        required=False,
    )

    class Meta:
        model = MembershipApplication
        formfield_callback = formfield
        fields = [*ORGANISATION_FIELDS, "domains", "target_groups"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "areas_of_intervention": forms.Textarea(attrs={"rows": 2}),
            "no_registration_reason": forms.Textarea(attrs={"rows": 2}),
            "address": forms.Textarea(attrs={"rows": 2}),
            "registration_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "year_founded": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }
        help_texts = {
            "no_registration_reason": _("Si votre organisation n'a pas de récépissé, dites pourquoi : "
                                        "cela ne vous empêche pas de demander l'adhésion."),
            "phone": _("Avec l'indicatif du pays, par exemple +237 6 99 00 00 00."),
        }

    def __init__(self, *args, for_submission=False, has_statutes=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_submission = for_submission
        self.has_statutes = has_statutes
        self.fields["country"].choices = [("", "---------"), *settings.RELAIS_COUNTRIES]
        self.fields["referees"].queryset = Organisation.objects.active().order_by("country", "name")
        if self.instance.pk:
            self.fields["referees"].initial = list(
                self.instance.references.values_list("organisation_id", flat=True)
            )
            self.fields["charter_accepted"].initial = self.instance.charter_accepted_at is not None

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def _filled(self, name) -> bool:
        value = self[name].value()
        if isinstance(value, (list, tuple)):
            return bool(value)
        return value not in (None, "", False) and str(value).strip() != ""

    def progress(self, *, has_statutes: bool) -> list[dict]:
        """The form's steps, each with its anchor and whether what submitting
        needs from it is filled (from what was typed, else from the draft):
        a light progress indication for a long form, with no JavaScript."""
        needed = {"name", "country", *self.REQUIRED_FOR_SUBMISSION, "domains", "target_groups"}
        steps = []
        for title, names in self.SECTIONS:
            done = all(self._filled(name) for name in names if name in needed)
            if "no_registration_reason" in names:
                done = self._filled("registration_number") or self._filled("no_registration_reason")
            steps.append({"title": title, "done": done, "optional": not any(name in needed for name in names) and "no_registration_reason" not in names})
        steps.append({"title": _("Documents"), "done": has_statutes, "optional": False})
        steps.append({"title": _("Charte du réseau"), "done": self._filled("charter_accepted"), "optional": False})
        for number, step in enumerate(steps, start=1):
            step.update(number=number, anchor=f"etape-{number}")
        return steps

    def clean_year_founded(self):
        year = self.cleaned_data.get("year_founded")
        if year is not None and not (1900 <= year <= timezone.localdate().year):
            raise forms.ValidationError(_("Indiquez une année entre 1900 et aujourd'hui."))
        return year

    def clean_phone(self):
        phone = (self.cleaned_data.get("phone") or "").strip()
        if phone and not PHONE_PATTERN.match(phone):
            raise forms.ValidationError(_("Un numéro de téléphone ne contient que des chiffres, espaces et « + »."))
        return phone

    def clean(self):
        cleaned = super().clean()
        if not self.for_submission:
            return cleaned
        required = _("Obligatoire pour soumettre la demande.")
        for name in self.REQUIRED_FOR_SUBMISSION:
            if name not in self.errors and not cleaned.get(name):
                self.add_error(name, required)
        if "domains" not in self.errors and not cleaned.get("domains"):
            self.add_error("domains", _("Choisissez au moins un domaine."))
        if "target_groups" not in self.errors and not cleaned.get("target_groups"):
            self.add_error("target_groups", _("Choisissez au moins un groupe cible."))
        if not cleaned.get("registration_number") and not (cleaned.get("no_registration_reason") or "").strip():
            self.add_error(
                "no_registration_reason",
                _("Indiquez le numéro du récépissé ou, si vous n'en avez pas, la raison de son absence."),
            )
        if not cleaned.get("charter_accepted"):
            self.add_error("charter_accepted", _("Pour soumettre la demande, acceptez la charte du réseau."))
        return cleaned

    def draft_data(self) -> dict:
        """The valid fields only: what can be saved even when others are wrong."""
        return {name: self.cleaned_data[name] for name in ORGANISATION_FIELDS if name in self.cleaned_data}

    def relations(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("domains", "target_groups", "referees")
            if name in self.cleaned_data
        }


class DocumentsForm(forms.Form):
    """Up to three documents; each is checked (size, type read from its content)."""

    statutes = forms.FileField(label=_("Statuts"), required=False)
    receipt = forms.FileField(label=_("Récépissé"), required=False)
    activity_report = forms.FileField(label=_("Dernier rapport d'activité"), required=False)

    KINDS = {
        "statutes": ApplicationDocument.Kind.STATUTES,
        "receipt": ApplicationDocument.Kind.RECEIPT,
        "activity_report": ApplicationDocument.Kind.ACTIVITY_REPORT,
    }

    def __init__(self, *args, statutes_needed=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.statutes_needed = statutes_needed
        limit = max_upload_bytes()
        from django.template.defaultfilters import filesizeformat

        for field in self.fields.values():
            field.help_text = _("PDF, PNG, JPEG, DOCX ou ODT ; %(limit)s au plus.") % {"limit": filesizeformat(limit)}
            field.widget.attrs["accept"] = ".pdf,.png,.jpg,.jpeg,.docx,.odt"

    def _checked(self, name):
        uploaded = self.cleaned_data.get(name)
        if uploaded:
            check_upload(uploaded)
        return uploaded

    def clean_statutes(self):
        return self._checked("statutes")

    def clean_receipt(self):
        return self._checked("receipt")

    def clean_activity_report(self):
        return self._checked("activity_report")

    def clean(self):
        cleaned = super().clean()
        if self.statutes_needed and "statutes" not in self.errors and not cleaned.get("statutes"):
            self.add_error("statutes", _("Joignez les statuts de l'organisation pour soumettre la demande."))
        return cleaned

    def uploads(self) -> dict:
        return {self.KINDS[name]: self.cleaned_data[name] for name in self.KINDS if self.cleaned_data.get(name)}


# --- Screening -----------------------------------------------------------------------------


class InformationRequestForm(forms.Form):
    items = forms.CharField(
        label=_("Informations ou documents demandés (un par ligne)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Le demandeur les lira tels quels : écrivez-les pour lui."),
    )
    comment = forms.CharField(label=_("Note interne (facultative)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_items(self):
        items = [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]
        if not items:
            raise forms.ValidationError(_("Indiquez au moins une information à demander."))
        return items


class SendToCopilForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Avis du groupe de travail"),
        choices=MembershipApplication.Recommendation.choices,
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Motifs de l'avis (lus par le COPIL ; repris dans la lettre en cas de rejet)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LinkOrganisationForm(forms.Form):
    organisation = ModelChoiceField(
        label=_("Entrée du répertoire"), queryset=Organisation.objects.all(), required=False
    )


class ReferenceAnswerForm(forms.Form):
    comment = forms.CharField(label=_("Commentaire (facultatif)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class LifecycleForm(forms.Form):
    action = forms.ChoiceField(label=_("Proposer au COPIL"), choices=[])
    reason = forms.CharField(label=_("Motif"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            "suspend": _("Suspendre l'organisation"),
            "reinstate": _("Lever la suspension"),
            "withdraw": _("Prendre acte de son retrait"),
            "exclude": _("Exclure l'organisation"),
        }
        self.fields["action"].choices = [(action, labels[action]) for action in actions]


# --- The directory ---------------------------------------------------------------------------


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search"}))
    country = forms.ChoiceField(label=_("Pays"), required=False)
    domain = forms.ChoiceField(label=_("Domaine"), required=False)
    target_group = forms.ChoiceField(label=_("Groupe cible"), required=False)
    state = forms.ChoiceField(label=_("Statut"), required=False)

    def __init__(self, *args, states=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Tous"))]
        self.fields["country"].choices = [*everything, *settings.RELAIS_COUNTRIES]
        self.fields["domain"].choices = [*everything, *[(t.code, t.label) for t in Theme.objects.all()]]
        self.fields["target_group"].choices = [*everything, *[(t.code, t.label) for t in TargetGroup.objects.all()]]
        self.fields["state"].choices = [*everything, *[(s, Organisation.State(s).label) for s in states]]
        if len(states) <= 1:
            del self.fields["state"]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "text": data.get("q", ""),
            "country": data.get("country", ""),
            "domain": data.get("domain", ""),
            "target_group": data.get("target_group", ""),
            "state": data.get("state", ""),
        }
