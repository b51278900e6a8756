from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Choice, Threshold


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
