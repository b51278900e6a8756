from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.formfields import ModelChoiceField

from .models import Document


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type de document"), choices=Document.Kind.choices)
    title = forms.CharField(label=_("Titre"), max_length=200)
    summary = forms.CharField(label=_("Résumé"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    audience = forms.ChoiceField(
        label=_("Publication proposée s'il est adopté"), choices=Document.Audience.choices, initial=Document.Audience.MEMBERS
    )
    supersedes = ModelChoiceField(label=_("Remplace le document adopté"), queryset=Document.objects.none(), required=False)

    def __init__(self, *args, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        if group is not None:
            self.fields["supersedes"].queryset = Document.objects.filter(working_group=group, state=Document.State.ADOPTED)


class VersionForm(forms.Form):
    upload = forms.FileField(label=_("Fichier (PDF, DOCX, ODT, XLSX ou ODS ; 10 Mo au plus)"))
    note = forms.CharField(label=_("Ce qui change dans cette version"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class SubmitForm(forms.Form):
    comment = forms.CharField(label=_("Message au COPIL (facultatif)"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
