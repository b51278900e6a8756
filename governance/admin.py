"""The secretariat edits the working groups here: name and mandate (on the
group's committee), members, the lead and their term. Members change through
the services, so a group tied to a role gives or takes the role."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.formfields import ModelMultipleChoiceField, formfield

from . import services
from .models import WorkingGroup


class WorkingGroupForm(forms.ModelForm):
    members = ModelMultipleChoiceField(
        label=_("membres"), queryset=get_user_model().objects.filter(is_active=True), required=False,
        widget=admin.widgets.FilteredSelectMultiple(_("membres"), is_stacked=False),
    )

    class Meta:
        model = WorkingGroup
        fields = ["committee", "slug", "mandate", "role", "position", "lead", "lead_term_start", "lead_term_end"]
        formfield_callback = formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["members"].initial = list(self.instance.committee.members.values_list("pk", flat=True))

    def clean(self):
        data = super().clean()
        lead, role = data.get("lead"), data.get("role")
        if lead is not None and lead not in (data.get("members") or []) and not (role and lead.has_role(role)):
            self.add_error("lead", _("Le ou la référent·e doit être membre du groupe."))
        return data


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    form = WorkingGroupForm
    list_display = ["__str__", "lead", "lead_term_start", "lead_term_end", "role", "position"]
    list_select_related = ["committee", "lead"]
    ordering = ["position", "id"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        wanted = {user.pk: user for user in form.cleaned_data.get("members") or []}
        present = set(obj.committee.members.values_list("pk", flat=True))
        for user_id, user in wanted.items():
            if user_id not in present:
                services.working_group_member_add(group_id=obj.pk, user=user, by=request.user)
        for user in get_user_model().objects.filter(pk__in=present - set(wanted)):
            services.working_group_member_remove(group_id=obj.pk, user=user, by=request.user)
