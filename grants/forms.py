from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.formfields import ModelChoiceField, ModelMultipleChoiceField

from members.models import Organisation, Theme

from .models import BudgetLine, Funder, FunderEvent, LogframeItem
from .money import currency_choices, parse_amount
from .timezones import is_time_zone, time_zone_choices

COUNTRY_CHOICES = settings.RELAIS_COUNTRIES


class AmountField(forms.Field):
    """An amount typed as people do ("50 000", "12 500,50"), read as Decimal."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("maxlength", "30")

    def to_python(self, value):
        if value in self.empty_values or not str(value).strip():
            return None
        if len(str(value)) > 30:
            raise forms.ValidationError(_("Montant trop long."))
        try:
            return parse_amount(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def prepare_value(self, value):
        return "" if value is None else str(value)


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock date and time, without a zone: the form adds the zone chosen
    beside it (the call's own), not the reader's."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d/%m/%Y %H:%M", "%d/%m/%Y"]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        for pattern in self.input_formats:
            try:
                return datetime.strptime(str(value).strip(), pattern)
            except ValueError:
                continue
        raise forms.ValidationError(_("Date et heure illisibles (par exemple 31/03/2026 17:00)."))

    def prepare_value(self, value):
        return value


def _blank_currency():
    return [("", "—"), *currency_choices()]


class FunderForm(forms.Form):
    name = forms.CharField(label=_("Nom"), max_length=200)
    acronym = forms.CharField(label=_("Sigle"), max_length=40, required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=Funder.Kind.choices)
    website = forms.URLField(label=_("Site web"), required=False, assume_scheme="https")
    themes = ModelMultipleChoiceField(
        label=_("Thèmes financés"), queryset=Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    countries = forms.MultipleChoiceField(
        label=_("Pays financés"), choices=COUNTRY_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    usual_grant_min = AmountField(label=_("Subvention habituelle : minimum"))
    usual_grant_max = AmountField(label=_("Subvention habituelle : maximum"))
    currency = forms.ChoiceField(label=_("Devise"), choices=_blank_currency, required=False)
    relationship = forms.ChoiceField(label=_("Relation avec le réseau"), choices=Funder.Relationship.choices)
    priorities = forms.CharField(label=_("Priorités et conditions"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    language = forms.ChoiceField(
        label=_("Langue des rapports"), choices=[("", "—"), *settings.LANGUAGES], required=False
    )

    def clean(self):
        data = super().clean()
        low, high = data.get("usual_grant_min"), data.get("usual_grant_max")
        if (low is not None or high is not None) and not data.get("currency"):
            self.add_error("currency", _("Indiquez la devise du montant."))
        if low is not None and high is not None and high < low:
            self.add_error("usual_grant_max", _("Le maximum est inférieur au minimum."))
        return data


class FunderContactForm(forms.Form):
    name = forms.CharField(label=_("Nom"), max_length=200)
    position = forms.CharField(label=_("Fonction"), max_length=200, required=False)
    email = forms.EmailField(label=_("Courriel"), required=False)
    phone = forms.CharField(label=_("Téléphone"), max_length=40, required=False)
    notes = forms.CharField(label=_("Remarques"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class FunderEventForm(forms.Form):
    happened_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Type"), choices=FunderEvent.Kind.choices)
    summary = forms.CharField(label=_("Résumé"), widget=forms.Textarea(attrs={"rows": 2}))
    amount = AmountField(label=_("Montant (facultatif)"))
    currency = forms.ChoiceField(label=_("Devise"), choices=_blank_currency, required=False)


class ExchangeRateForm(forms.Form):
    from_currency = forms.ChoiceField(label=_("1 unité de"), choices=currency_choices)
    to_currency = forms.ChoiceField(label=_("vaut, en"), choices=currency_choices)
    rate = AmountField(label=_("Taux"), required=True)
    valid_on = forms.DateField(label=_("Date du taux"), widget=forms.DateInput(attrs={"type": "date"}))
    source = forms.CharField(label=_("Source (banque centrale, bailleur…)"), max_length=200, required=False)

    def clean_rate(self):
        # Rates need more than two decimals: read them exactly.
        from decimal import Decimal, InvalidOperation

        raw = (self.data.get(self.add_prefix("rate")) or "").replace(" ", "").replace(",", ".")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise forms.ValidationError(_("Taux illisible.")) from None
        if not value.is_finite() or value <= 0:
            raise forms.ValidationError(_("Le taux doit être supérieur à zéro."))
        return value


class OpportunityForm(forms.Form):
    funder = ModelChoiceField(label=_("Bailleur"), queryset=Funder.objects.all())
    title = forms.CharField(label=_("Intitulé de l'appel"), max_length=300)
    link = forms.URLField(label=_("Lien"), required=False, max_length=500, assume_scheme="https")
    themes = ModelMultipleChoiceField(
        label=_("Thèmes"), queryset=Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    countries = forms.MultipleChoiceField(
        label=_("Pays éligibles (aucun coché : pas de restriction)"),
        choices=COUNTRY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    amount_min = AmountField(label=_("Montant minimum"))
    amount_max = AmountField(label=_("Montant maximum"))
    currency = forms.ChoiceField(label=_("Devise"), choices=_blank_currency, required=False)
    concept_note_deadline = LocalDateTimeField(label=_("Date limite de la note conceptuelle"), required=False)
    full_proposal_deadline = LocalDateTimeField(label=_("Date limite de la proposition complète"), required=False)
    deadline_timezone = forms.ChoiceField(
        label=_("Fuseau horaire des dates limites"),
        help_text=_("Celui de l'appel : les dates sont ensuite affichées à l'heure de chaque lecteur."),
    )
    eligibility_notes = forms.CharField(label=_("Critères d'éligibilité"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, opportunity=None, **kwargs):
        if opportunity is not None and "initial" not in kwargs:
            zone = ZoneInfo(opportunity.deadline_timezone)
            kwargs["initial"] = {
                "funder": opportunity.funder_id,
                "title": opportunity.title,
                "link": opportunity.link,
                "themes": list(opportunity.themes.values_list("pk", flat=True)),
                "countries": opportunity.country_codes,
                "amount_min": opportunity.amount_min,
                "amount_max": opportunity.amount_max,
                "currency": opportunity.currency,
                "concept_note_deadline": _wall_clock(opportunity.concept_note_deadline, zone),
                "full_proposal_deadline": _wall_clock(opportunity.full_proposal_deadline, zone),
                "deadline_timezone": opportunity.deadline_timezone,
                "eligibility_notes": opportunity.eligibility_notes,
                "description": opportunity.description,
            }
        super().__init__(*args, **kwargs)
        current = (self.initial or {}).get("deadline_timezone") or settings.TIME_ZONE
        self.fields["deadline_timezone"].choices = time_zone_choices(current)
        self.fields["deadline_timezone"].initial = current

    def clean(self):
        data = super().clean()
        zone_name = data.get("deadline_timezone") or settings.TIME_ZONE
        if not is_time_zone(zone_name):
            self.add_error("deadline_timezone", _("Fuseau horaire inconnu."))
            return data
        zone = ZoneInfo(zone_name)
        for name in ("concept_note_deadline", "full_proposal_deadline"):
            if data.get(name) is not None:
                data[name] = timezone.make_aware(data[name], zone)
        low, high = data.get("amount_min"), data.get("amount_max")
        if (low is not None or high is not None) and not data.get("currency"):
            self.add_error("currency", _("Indiquez la devise du montant."))
        if low is not None and high is not None and high < low:
            self.add_error("amount_max", _("Le montant maximum est inférieur au minimum."))
        return data

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        return {
            "funder_id": data.pop("funder").pk,
            "theme_ids": [t.pk for t in data.pop("themes")],
            "countries": data.pop("countries"),
            **data,
        }


def _wall_clock(value, zone):
    return timezone.localtime(value, zone).replace(tzinfo=None) if value else None


class AssessForm(forms.Form):
    eligibility_met = forms.BooleanField(label=_("Le réseau remplit les critères d'éligibilité"), required=False)
    eligibility_note = forms.CharField(
        label=_("Justification (éligibilité)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    capacity_rating = forms.TypedChoiceField(
        label=_("Capacité du réseau à mener ce projet"),
        coerce=int,
        choices=[(1, _("1 — très faible")), (2, "2"), (3, "3"), (4, "4"), (5, _("5 — très forte"))],
        widget=forms.RadioSelect,
    )
    capacity_note = forms.CharField(label=_("Justification (capacité)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SheetUploadForm(forms.Form):
    sheet = forms.FileField(
        label=_("Feuille des appels (CSV ou XLSX)"),
        help_text=_("2 Mo au plus. Première ligne : les noms de colonnes."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


def _member_organisations():
    return Organisation.objects.filter(state=Organisation.State.ACTIVE).order_by("name")


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Titre du projet"), max_length=300)
    lead_organisation = ModelChoiceField(label=_("Organisation cheffe de file"), queryset=Organisation.objects.none())
    opportunity = forms.ChoiceField(label=_("Appel visé"), required=False)
    themes = ModelMultipleChoiceField(
        label=_("Thèmes"), queryset=Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    countries = forms.MultipleChoiceField(
        label=_("Pays du projet"), choices=COUNTRY_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    duration_months = forms.IntegerField(label=_("Durée (mois)"), min_value=1, max_value=120, required=False)
    summary = forms.CharField(label=_("Résumé"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    currency = forms.ChoiceField(label=_("Devise du budget"), choices=currency_choices)

    def __init__(self, *args, opportunities=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].queryset = _member_organisations()
        self.fields["opportunity"].choices = [("", _("— aucun —")), *[(o.pk, str(o)) for o in opportunities]]
        if editing:
            del self.fields["lead_organisation"]
            del self.fields["opportunity"]

    def clean_opportunity(self):
        value = self.cleaned_data.get("opportunity")
        return int(value) if value else None


class PartnerForm(forms.Form):
    organisation = ModelChoiceField(label=_("Organisation partenaire"), queryset=Organisation.objects.none())
    role = forms.CharField(label=_("Rôle dans le projet"), max_length=300)
    budget_share_percent = AmountField(label=_("Part du budget (%)"), required=True)

    def __init__(self, *args, proposal=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = _member_organisations()
        if proposal is not None:
            queryset = queryset.exclude(pk__in=proposal.organisation_ids())
        self.fields["organisation"].queryset = queryset


class PartnerEditForm(forms.Form):
    role = forms.CharField(label=_("Rôle dans le projet"), max_length=300)
    budget_share_percent = AmountField(label=_("Part du budget (%)"), required=True)


class BudgetLineForm(forms.Form):
    organisation = forms.ChoiceField(label=_("Organisation"))
    category = forms.ChoiceField(label=_("Catégorie"), choices=BudgetLine.Category.choices)
    description = forms.CharField(label=_("Libellé"), max_length=300)
    amount = AmountField(label=_("Montant"), required=True)
    currency = forms.ChoiceField(label=_("Devise"), choices=currency_choices)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, str(o)) for o in organisations]

    def clean_organisation(self):
        return int(self.cleaned_data["organisation"])


class LogframeItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=LogframeItem.Kind.choices)
    parent = forms.ChoiceField(label=_("Rattaché à (pour un résultat ou un indicateur)"), required=False)
    text = forms.CharField(label=_("Intitulé"), widget=forms.Textarea(attrs={"rows": 2}))
    target = forms.CharField(label=_("Cible (indicateur)"), max_length=200, required=False)

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", "—")] + [
            (item.pk, f"{item.get_kind_display()} : {str(item)[:60]}") for item in items if item.kind != "indicator"
        ]

    def clean_parent(self):
        value = self.cleaned_data.get("parent")
        return int(value) if value else None


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Titre du document"), max_length=200)
    upload = forms.FileField(label=_("Fichier (10 Mo au plus)"))
    organisation = forms.ChoiceField(label=_("Pour l'organisation"), required=False)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "—")] + [(o.pk, str(o)) for o in organisations]

    def clean_organisation(self):
        value = self.cleaned_data.get("organisation")
        return int(value) if value else None


__all__ = [
    "AssessForm",
    "BudgetLineForm",
    "DocumentForm",
    "ExchangeRateForm",
    "FunderContactForm",
    "FunderEventForm",
    "FunderForm",
    "LogframeItemForm",
    "OpportunityForm",
    "PartnerEditForm",
    "PartnerForm",
    "ProposalForm",
    "SheetUploadForm",
]
