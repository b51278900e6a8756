from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.models import Group
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .formfields import ModelMultipleChoiceField, formfield
from .models import User
from .roles import Role


class SignInForm(auth_forms.AuthenticationForm):
    """Email and password. The email is normalised before authenticate() so that
    django-axes counts "Awa@x.org" and "awa@x.org " as the same account."""

    username = forms.EmailField(
        label=_("Adresse e-mail"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "Adresse e-mail ou mot de passe incorrect. Vérifiez-les et réessayez : "
            "après %(limit)s essais manqués, le compte est verrouillé pendant %(minutes)s minutes."
        ),
        "inactive": _("Ce compte est désactivé. Écrivez au secrétariat pour le rouvrir."),
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()

    def get_invalid_login_error(self):
        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={
                "limit": settings.AXES_FAILURE_LIMIT,
                "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            },
        )


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}),
    )


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Sends the reset email in the language the person chose, not the visitor's."""

    email = forms.EmailField(
        label=_("Adresse e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or settings.LANGUAGE_CODE
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, from_email, to_email, **kwargs)


# --- Administration ------------------------------------------------------------------------


class RoleField(ModelMultipleChoiceField):
    """Role groups shown by their translated role label, not their code."""

    def label_from_instance(self, group):
        try:
            return Role(group.name).label
        except ValueError:
            return group.name


class UserCreationAdminForm(auth_forms.AdminUserCreationForm):
    class Meta:
        model = User
        formfield_callback = formfield
        fields = ("email", "full_name", "preferred_language", "country")


class UserChangeAdminForm(auth_forms.UserChangeForm):
    class Meta:
        model = User
        formfield_callback = formfield
        fields = "__all__"


def role_field(**kwargs) -> RoleField:
    return RoleField(
        queryset=Group.objects.filter(name__in=Role.values).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("rôles"),
        **kwargs,
    )
