from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Nom du jeton"), max_length=80, help_text=_("Par exemple l'outil qui l'utilisera."))
    scope = forms.ChoiceField(label=_("Portée"), choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ)
