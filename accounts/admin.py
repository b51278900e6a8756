from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import UserChangeAdminForm, UserCreationAdminForm, role_field
from .models import User
from .roles import Role


def login_through_relais(request, extra_context=None):
    """The admin has no sign-in page of its own: everyone goes through Relais's
    (lock counting, second factor), then comes back. Someone already signed
    in who has no admin rights gets a plain 403 (sending them to sign in
    would bounce them back here, and so on until the browser gives up)."""
    if request.user.is_authenticated and admin.site.has_permission(request):
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            target = reverse("admin:index")
        return redirect(target)
    if request.user.is_authenticated:
        reason = _("Vous êtes connecté·e, mais votre compte n'a pas accès à l'administration. "
                   "Si vous en avez besoin, écrivez au secrétariat.")
        response = render(request, "refused.html", {"reason": reason, "status": 403}, status=403)
        response["Cache-Control"] = "no-store, private, max-age=0"
        return response
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"), reverse("accounts:login"))


admin.site.login = login_through_relais


class RoleFilter(admin.SimpleListFilter):
    title = _("rôle")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return Role.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(groups__name=self.value())
        return queryset


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    ordering = ["email"]
    search_fields = ["email", "full_name", "phone"]
    list_display = ["email", "full_name", "country", "role_labels", "has_authenticator", "is_active", "last_login"]
    list_filter = [RoleFilter, "is_active", "country", "preferred_language", "is_staff", "is_demo"]
    readonly_fields = ["last_login", "date_joined", "is_demo"]
    actions = ["reset_second_factor"]

    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personne"), {"fields": ["full_name", "country", "phone", "preferred_language"]}),
        (_("Rôles et accès"), {"fields": ["groups", "is_active", "is_staff", "is_superuser", "user_permissions"]}),
        (_("Historique"), {"fields": ["last_login", "date_joined", "is_demo"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "country", "preferred_language", "usable_password", "password1", "password2"],
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("groups")
            .annotate(_has_authenticator=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)))
        )

    def get_readonly_fields(self, request, obj=None):
        # Only a superuser may hand out superuser status or raw permissions.
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        return readonly

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            return role_field(help_text=_("Les rôles donnent les droits généraux ; les droits sur un dossier se donnent dossier par dossier."))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("rôles"))
    def role_labels(self, user):
        labels = []
        for group in user.groups.all():
            try:
                labels.append(str(Role(group.name).label))
            except ValueError:
                labels.append(group.name)
        return ", ".join(labels)

    @admin.display(description=_("second facteur"), boolean=True)
    def has_authenticator(self, user):
        return user._has_authenticator

    @admin.action(description=_("Réinitialiser le second facteur (téléphone perdu)"), permissions=["change"])
    def reset_second_factor(self, request, queryset):
        users = list(queryset)
        TOTPDevice.objects.filter(user__in=users).delete()
        StaticDevice.objects.filter(user__in=users).delete()
        self.message_user(
            request,
            ngettext(
                "Second facteur réinitialisé pour %(count)s compte : il sera reconfiguré à la prochaine connexion.",
                "Second facteur réinitialisé pour %(count)s comptes : ils seront reconfigurés à la prochaine connexion.",
                len(users),
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )
