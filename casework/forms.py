import uuid

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.formfields import ModelChoiceField, formfield

from accounts.roles import Role
from grants.models import Funder
from indicators.period_form import PeriodForm

from .models import AgeBand, CaseDocument, Channel, Fund, Gender, Incident, Profile, RiskLevel, SupportType, Urgency
from .models.choices import CURRENCIES

AMOUNT = {"max_digits": 14, "decimal_places": 2, "min_value": 1}


class OnceForm(forms.Form):
    """A form that carries its own idempotency key, made when it is shown:
    submitting it twice does the thing once."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4())


class IntakeForm(OnceForm):
    """Short on purpose: what the committee needs to act, nothing more."""

    legal_name = forms.CharField(label=_("Nom complet de la personne menacée"), max_length=200)
    code_name = forms.CharField(
        label=_("Nom de code (facultatif)"),
        max_length=60,
        required=False,
        help_text=_("Un nom qui ne vous désigne pas ; nous en choisissons un si vous le laissez vide."),
    )
    country = forms.ChoiceField(label=_("Pays"), choices=settings.RELAIS_COUNTRIES)
    gender = forms.ChoiceField(label=_("Genre"), choices=Gender.choices, initial=Gender.UNDISCLOSED)
    age_band = forms.ChoiceField(label=_("Âge"), choices=AgeBand.choices, initial=AgeBand.UNKNOWN)
    profile = forms.ChoiceField(label=_("Activité"), choices=Profile.choices)
    urgency = forms.ChoiceField(
        label=_("Urgence"),
        choices=Urgency.choices,
        initial=Urgency.STANDARD,
        help_text=_("Critique : danger immédiat pour la vie ou la liberté."),
    )
    support_types = forms.MultipleChoiceField(
        label=_("Soutien demandé"), choices=SupportType.choices, widget=forms.CheckboxSelectMultiple
    )
    requested_amount = forms.DecimalField(label=_("Montant demandé (facultatif)"), required=False, **AMOUNT)
    currency = forms.ChoiceField(label=_("Devise"), choices=CURRENCIES, initial="XAF")
    channel = forms.ChoiceField(label=_("Comment recevoir l'aide"), choices=[("", "—"), *Channel.choices], required=False)
    phone = forms.CharField(label=_("Téléphone sûr"), max_length=60, required=False, widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}))
    messaging = forms.CharField(label=_("Messagerie sûre (Signal, WhatsApp…)"), max_length=100, required=False)
    email = forms.EmailField(label=_("E-mail sûr"), required=False)
    aliases = forms.CharField(label=_("Autres noms utilisés"), max_length=200, required=False)
    whereabouts = forms.CharField(
        label=_("Où se trouve la personne (ville, quartier)"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    threat_narrative = forms.CharField(
        label=_("Ce qui se passe"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Les menaces, depuis quand, par qui si vous le savez."),
    )

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("idempotency_key", None)
        return data


class AssessmentForm(forms.Form):
    risk_level = forms.ChoiceField(label=_("Niveau de risque"), choices=RiskLevel.choices)
    urgency = forms.ChoiceField(label=_("Urgence"), choices=Urgency.choices)
    risk_assessment = forms.CharField(
        label=_("Évaluation (contacts de confiance consultés, faits confirmés)"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    requested_amount = forms.DecimalField(label=_("Montant demandé"), required=False, **AMOUNT)


class ProposalForm(forms.Form):
    proposed_amount = forms.DecimalField(label=_("Montant proposé"), **AMOUNT)
    fund = ModelChoiceField(label=_("Fonds"), queryset=None)

    def __init__(self, *args, case=None, **kwargs):
        from .models import Fund

        super().__init__(*args, **kwargs)
        funds = Fund.objects.filter(is_active=True)
        if case is not None:
            funds = funds.filter(currency=case.currency)
            if case.requested_amount:
                self.initial.setdefault("proposed_amount", case.requested_amount)
        self.fields["fund"].queryset = funds.order_by("name")


class AssignForm(forms.Form):
    officer = ModelChoiceField(label=_("Chargé·e de dossier"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = get_user_model().objects.filter(is_active=True, groups__name=Role.CASE_OFFICER).order_by("full_name")


class RequestAssessmentForm(forms.Form):
    focal_point = ModelChoiceField(label=_("Point focal du pays"), queryset=None)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focal_point"].queryset = get_user_model().objects.filter(
            is_active=True, groups__name=Role.COUNTRY_FOCAL_POINT, country=case.country if case else ""
        ).order_by("full_name")


class ReferElsewhereForm(forms.Form):
    referred_to = forms.CharField(label=_("Orienté vers (fonds ou partenaire)"), max_length=200)


class DisbursementForm(OnceForm):
    amount = forms.DecimalField(label=_("Montant de la tranche"), **AMOUNT)
    channel = forms.ChoiceField(label=_("Canal"), choices=Channel.choices)
    reference = forms.CharField(label=_("Référence de la transaction"), max_length=100, required=False)
    beneficiary_account = forms.CharField(
        label=_("Coordonnées de paiement (numéro, compte, prestataire)"), max_length=300, required=False
    )
    proof = forms.FileField(label=_("Preuve (PDF ou photo, facultatif)"), required=False)


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("Motif du refus"), max_length=300)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=CaseDocument.Kind.choices)
    file = forms.FileField(label=_("Fichier (PDF ou photo)"))


class WellbeingForm(forms.Form):
    note = forms.CharField(label=_("Note de suivi"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))


class FundForm(forms.Form):
    name = forms.CharField(label=_("Nom"), max_length=200)
    currency = forms.ChoiceField(label=_("Devise"), choices=CURRENCIES)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ContributionForm(forms.Form):
    """The funder is chosen in the donor map (a missing one is added there first)."""

    funder = ModelChoiceField(label=_("Bailleur"), queryset=None)
    donor = forms.CharField(label=_("Note sur le donateur (facultatif)"), max_length=200, required=False)
    amount = forms.DecimalField(label=_("Montant"), **AMOUNT)
    received_on = forms.DateField(label=_("Reçu le"), widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(label=_("Référence"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funder"].queryset = Funder.objects.order_by("name")

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["funder_id"] = data.pop("funder").pk
        return data


class IncidentForm(forms.ModelForm):
    case_references = forms.CharField(
        label=_("Cas liés (références URG-…, séparées par des virgules)"), required=False, max_length=500
    )

    class Meta:
        model = Incident
        formfield_callback = formfield
        fields = ["country", "province", "place", "occurred_on", "kind", "victim_profile", "perpetrator", "source", "severity", "summary"]
        widgets = {
            "occurred_on": forms.DateInput(attrs={"type": "date"}),
            "place": forms.TextInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def references(self) -> list[str]:
        return [part.strip().upper() for part in (self.cleaned_data.get("case_references") or "").split(",") if part.strip()]


class IncidentVerifyForm(forms.Form):
    verification = forms.ChoiceField(label=_("Vérification"), choices=Incident.Verification.choices)


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Nom de code ou référence"), required=False, max_length=60)
    state = forms.ChoiceField(label=_("État"), required=False)
    country = forms.ChoiceField(label=_("Pays"), required=False, choices=[("", "—"), *settings.RELAIS_COUNTRIES])
    urgency = forms.ChoiceField(label=_("Urgence"), required=False, choices=[("", "—"), *Urgency.choices])
    overdue = forms.BooleanField(label=_("En retard seulement"), required=False)

    def __init__(self, *args, **kwargs):
        from .models import Case

        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "—"), *Case.State.choices]


class StatementForm(PeriodForm):
    """A fund and a period, for a donors' statement (GET)."""

    fonds = ModelChoiceField(label=_("Fonds"), queryset=None)
    field_order = ["fonds", "periode", "annee", "trimestre", "du", "au"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fonds"].queryset = Fund.objects.order_by("name")
        self.order_fields(self.field_order)
