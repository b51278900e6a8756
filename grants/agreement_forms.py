"""Forms of the grant agreement pages. Money forms carry an idempotency key
made when the form is shown: submitted twice, they record once."""

import uuid
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.formfields import ModelChoiceField

from .forms import AmountField
from .models import FunderContact
from .money import currency_choices

DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), "input_formats": ["%Y-%m-%d", "%d/%m/%Y"]}


class OnceForm(forms.Form):
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4())


class RateField(forms.Field):
    """An exchange rate: "655,957" and "655.957" are the same rate (a comma is decimal here)."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "maxlength": "30"})

    def to_python(self, value):
        text = str(value or "").strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            return None
        try:
            rate = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise forms.ValidationError(_("Taux illisible.")) from None
        if not rate.is_finite() or rate <= 0 or len(text) > 30:
            raise forms.ValidationError(_("Le taux doit être positif."))
        return rate


class AgreementForm(forms.Form):
    funder = ModelChoiceField(label=_("Bailleur"), queryset=None, required=False)
    funder_contact = ModelChoiceField(label=_("Contact chez le bailleur"), queryset=None, required=False)
    funder_reference = forms.CharField(label=_("Référence chez le bailleur"), max_length=100, required=False)
    amount = AmountField(label=_("Montant accordé"), required=True)
    currency = forms.ChoiceField(label=_("Devise"), choices=currency_choices)
    starts_on = forms.DateField(label=_("Début de la période"), required=False, **DATE)
    ends_on = forms.DateField(label=_("Fin de la période"), required=False, **DATE)
    signed_on = forms.DateField(label=_("Signé le"), required=False, **DATE)
    conditions = forms.CharField(label=_("Conditions"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4}))
    signed_document = forms.FileField(label=_("Accord signé (PDF ou document, 10 Mo au plus)"), required=False)

    def __init__(self, *args, funders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funder"].queryset = funders
        self.fields["funder_contact"].queryset = FunderContact.objects.filter(funder__in=funders).select_related("funder")
        self.fields["funder_contact"].label_from_instance = lambda c: f"{c.name} ({c.funder})"

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount < 0:
            raise forms.ValidationError(_("Le montant accordé ne peut pas être négatif."))
        return amount


class TrancheExpectForm(forms.Form):
    label = forms.CharField(label=_("Libellé"), max_length=200, required=False)
    expected_on = forms.DateField(label=_("Attendue le"), **DATE)
    expected_amount = AmountField(label=_("Montant attendu (devise de l'accord)"), required=True)


class TrancheReceiveForm(OnceForm):
    tranche = forms.TypedChoiceField(label=_("Tranche attendue"), coerce=int, required=False, empty_value=None)
    received_on = forms.DateField(label=_("Reçue le"), **DATE)
    amount = AmountField(label=_("Montant reçu"), required=True)
    currency = forms.ChoiceField(label=_("Devise du versement"), choices=currency_choices)
    rate = RateField(label=_("Taux vers la devise de l'accord (si la devise diffère ; sinon le dernier taux enregistré)"))
    rate_source = forms.CharField(label=_("Source du taux"), max_length=200, required=False)
    reference = forms.CharField(label=_("Référence du virement"), max_length=100, required=False)

    def __init__(self, *args, expected=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tranche"].choices = [("", _("Une tranche non prévue"))] + [
            (t.pk, f"{t.label or t.expected_on} · {t.expected_amount}") for t in expected
        ]


class TransferForm(OnceForm):
    share = forms.TypedChoiceField(label=_("Partenaire"), coerce=int)
    amount = AmountField(label=_("Montant (devise de l'accord)"), required=True)
    sent_on = forms.DateField(label=_("Envoyé le"), **DATE)
    reference = forms.CharField(label=_("Référence du virement"), max_length=100, required=False)
    proof = forms.FileField(label=_("Preuve du virement (10 Mo au plus)"), required=False)

    def __init__(self, *args, shares=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["share"].choices = [(s.pk, str(s.organisation)) for s in shares]


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("Motif du refus"), max_length=300)
