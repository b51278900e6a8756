from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Choice, Outcome, Threshold


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("Votre vote"), choices=Choice.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Commentaire (facultatif, visible du comité)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ConflictForm(forms.Form):
    reason = forms.CharField(label=_("Motif du conflit d'intérêts"), max_length=300)


class TransitionForm(forms.Form):
    comment = forms.CharField(label=_("Commentaire interne (facultatif)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class BallotOpenForm(forms.Form):
    question = forms.CharField(label=_("Question posée au comité"), max_length=300)
    threshold = forms.ChoiceField(label=_("Seuil"), choices=Threshold.choices)
    quorum_percent = forms.IntegerField(label=_("Quorum (% des membres non récusés)"), min_value=1, max_value=100)
    deadline = forms.DateTimeField(
        label=_("Date limite"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )


class RegisterFilterForm(forms.Form):
    """The register of decisions' filters, read from GET parameters."""

    date_from = forms.DateField(label=_("Du"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    date_to = forms.DateField(label=_("Au"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    kind = forms.ChoiceField(label=_("Type de dossier"), required=False)
    committee = forms.ChoiceField(label=_("Comité"), required=False)
    outcome = forms.ChoiceField(label=_("Résultat"), required=False)

    def __init__(self, *args, kinds=(), committees=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Tous"))]
        self.fields["kind"].choices = everything + list(kinds)
        self.fields["committee"].choices = everything + list(committees)
        self.fields["outcome"].choices = everything + list(Outcome.choices)

    def filters(self) -> dict:
        """The valid filters only: an invalid one is ignored (and shown as an error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data[name] for name in ("date_from", "date_to", "kind", "committee", "outcome") if data.get(name)}


class StatusLookupForm(forms.Form):
    """The front door's "follow a request": its reference and its code (the
    last part of the status link; the whole link pasted works too)."""

    reference = forms.CharField(
        label=_("Référence de la demande"), max_length=32, required=False, help_text=_("Par exemple ADH-2026-0007.")
    )
    code = forms.CharField(
        label=_("Code de suivi"),
        max_length=300,
        help_text=_("La fin du lien de suivi reçu avec votre demande ; vous pouvez aussi coller le lien entier."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "off"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "lookup-%s")
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        reference = "".join((data.get("reference") or "").split()).upper()
        code = "".join((data.get("code") or "").split())
        if "/" in code:  # a pasted link: …/suivi/<reference>/<token>/
            parts = [part for part in code.split("?")[0].split("/") if part]
            if len(parts) >= 2 and "suivi" in parts[:-2]:
                reference = reference or parts[-2].upper()
                code = parts[-1]
        if not reference and code:
            self.add_error("reference", _("Indiquez la référence de la demande."))
        data["reference"], data["code"] = reference, code
        return data
