"""The administrators' view of the emergency fund: money only.

Cases, their documents, status tokens, disbursements and incidents are not
in the admin on purpose: the secretariat may not read them (only the
emergency committee and the assigned officer may, on logged pages), and the
admin would bypass the access log. Funds and contributions are here, and
every write goes through the services that keep balances exact.
"""

from django.contrib import admin

from .models import Contribution, Fund
from .services import money


class ContributionInline(admin.TabularInline):
    model = Contribution
    extra = 0
    can_delete = False
    fields = ["funder", "donor", "amount", "received_on", "reference", "recorded_by", "recorded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Fund)
class FundAdmin(admin.ModelAdmin):
    list_display = ["name", "currency", "contributed_total", "committed_total", "disbursed_total", "is_active"]
    readonly_fields = ["contributed_total", "committed_total", "disbursed_total", "created_at"]
    inlines = [ContributionInline]

    def get_readonly_fields(self, request, obj=None):
        # a fund's currency never changes once money is recorded in it
        return [*self.readonly_fields, "currency"] if obj is not None else self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    """A contribution is recorded once, through the service that raises the
    fund's balance under a row lock; it is never edited or deleted."""

    list_display = ["fund", "funder", "amount", "received_on", "reference", "recorded_by"]
    list_filter = ["fund"]
    fields = ["fund", "funder", "donor", "amount", "received_on", "reference"]
    autocomplete_fields = ["funder"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        recorded = money.contribution_record(
            fund_id=obj.fund_id,
            by=request.user,
            funder_id=obj.funder_id,
            donor=obj.donor,
            amount=obj.amount,
            received_on=obj.received_on,
            reference=obj.reference,
        )
        obj.pk = recorded.pk
        obj.recorded_by = recorded.recorded_by
        obj.recorded_at = recorded.recorded_at

