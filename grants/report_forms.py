"""Forms of an agreement's expenses, results, reports and closing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import AmountField
from .models.grant_reports import AgreementClosing, DonorReport
from .money import currency_choices

DATE = forms.DateInput(attrs={"type": "date"})


def _int_choice(value):
    return int(value) if value not in (None, "") else None


class ExpenseForm(forms.Form):
    budget_line = forms.TypedChoiceField(label=_("Ligne budgétaire"), coerce=int)
    spent_on = forms.DateField(label=_("Date de la dépense"), widget=DATE)
    description = forms.CharField(label=_("Libellé"), max_length=300)
    voucher = forms.CharField(label=_("Pièce justificative"), max_length=100, required=False)
    amount = AmountField(label=_("Montant"), required=True)
    currency = forms.ChoiceField(label=_("Devise"), choices=currency_choices)

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget_line"].choices = [(line.pk, f"{line.organisation} — {line.description}") for line in lines]

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError(_("Le montant doit être positif."))
        return amount


class ExpenseSheetForm(forms.Form):
    sheet = forms.FileField(
        label=_("Feuille des dépenses (CSV ou XLSX)"),
        help_text=_("2 Mo au plus. Colonnes : Organisation, Ligne budgétaire, Date, Libellé, Pièce, Montant, Devise."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


class PeriodForm(forms.Form):
    label = forms.CharField(label=_("Intitulé"), max_length=100)
    starts_on = forms.DateField(label=_("Du"), widget=DATE)
    ends_on = forms.DateField(label=_("Au"), widget=DATE)


class ResultForm(forms.Form):
    indicator = forms.TypedChoiceField(label=_("Indicateur"), coerce=int)
    period = forms.TypedChoiceField(label=_("Période"), coerce=int)
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    value = forms.CharField(label=_("Valeur atteinte"), max_length=200)
    comment = forms.CharField(label=_("Commentaire"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, indicators=(), periods=(), organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [(i.pk, str(i)) for i in indicators]
        self.fields["period"].choices = [(p.pk, str(p)) for p in periods]
        self.fields["organisation"].choices = [(o.pk, str(o)) for o in organisations]


class ReportScheduleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=DonorReport.Kind.choices)
    due_on = forms.DateField(label=_("À remettre le"), widget=DATE)
    period = forms.TypedChoiceField(label=_("Période"), coerce=_int_choice, required=False, empty_value=None)
    organisation = forms.TypedChoiceField(
        label=_("Pour une organisation (sinon : tout l'accord)"), coerce=_int_choice, required=False, empty_value=None
    )
    is_final = forms.BooleanField(label=_("Rapport final"), required=False)

    def __init__(self, *args, periods=(), organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [("", "—")] + [(p.pk, str(p)) for p in periods]
        self.fields["organisation"].choices = [("", "—")] + [(o.pk, str(o)) for o in organisations]


class ReportUploadForm(forms.Form):
    upload = forms.FileField(
        label=_("Version modifiée"),
        help_text=_("Word, Excel, OpenDocument ou PDF, 10 Mo au plus. Les versions précédentes sont gardées."),
    )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Sort du solde"), choices=AgreementClosing.Outcome.choices)
    copil_decision = forms.CharField(label=_("Référence de la décision du COPIL"), max_length=100, required=False)
    note = forms.CharField(label=_("Remarques"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
