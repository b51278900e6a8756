"""The action plan's axes and indicators are defined here (superusers);
entered values are shown, never changed nor deleted (their history is the record)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from approvals.admin import ReadOnlyAdmin

from .models import Axis, Indicator, IndicatorValue
from .plan.sources import source_choices


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"] = forms.ChoiceField(
            label=_("source calculée"), required=False, choices=[("", "—"), *source_choices()],
            help_text=_("Vide : la valeur est saisie par le groupe responsable."),
        )


class IndicatorInline(admin.TabularInline):
    model = Indicator
    form = IndicatorForm
    extra = 0
    fields = ["code", "title", "measure", "target", "unit", "frequency", "source", "responsible_role", "order", "is_active"]


@admin.register(Axis)
class AxisAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "order"]
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    form = IndicatorForm
    list_display = ["title", "axis", "target", "unit", "frequency", "source", "responsible_role", "is_active"]
    list_filter = ["axis", "is_active"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ReadOnlyAdmin):
    """Values are entered on the plan's page by the responsible group (evidence checked there)."""

    list_display = ["indicator", "period_start", "period_end", "value", "entered_by", "entered_at"]
    list_filter = ["indicator"]
    fields = ["indicator", "period_start", "period_end", "value", "comment", "evidence_name", "entered_by", "entered_at"]
    readonly_fields = fields
