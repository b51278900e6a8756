"""Administration of grants: the donor map and rates are editable; dossiers
change state only through their pages (approvals.perform), so they are read
here, not edited."""

from django.contrib import admin

from approvals.admin import ReadOnlyAdmin

from .models import (
    BudgetLine,
    ExchangeRate,
    FitAssessment,
    Funder,
    FunderContact,
    FunderCountry,
    FunderEvent,
    JointProposal,
    LogframeItem,
    Opportunity,
    OpportunityCountry,
    OpportunitySheet,
    ProposalCountry,
    ProposalDocument,
    ProposalPartner,
)


class FunderCountryInline(admin.TabularInline):
    model = FunderCountry
    extra = 0


class FunderContactInline(admin.StackedInline):
    model = FunderContact
    extra = 0


class FunderEventInline(admin.TabularInline):
    model = FunderEvent
    extra = 0
    readonly_fields = ["recorded_by", "recorded_at"]


@admin.register(Funder)
class FunderAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "relationship", "currency"]
    list_filter = ["kind", "relationship"]
    search_fields = ["name", "acronym"]
    filter_horizontal = ["themes"]
    inlines = [FunderCountryInline, FunderContactInline, FunderEventInline]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["valid_on", "from_currency", "to_currency", "rate", "source", "recorded_by"]
    list_filter = ["from_currency", "to_currency"]
    readonly_fields = ["recorded_by", "recorded_at"]

    def has_change_permission(self, request, obj=None):
        # A recorded rate may have converted figures: never rewritten.
        return False

    def save_model(self, request, obj, form, change):
        obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class OpportunityCountryInline(ReadOnlyInline):
    model = OpportunityCountry


class FitAssessmentInline(ReadOnlyInline):
    model = FitAssessment


@admin.register(Opportunity)
class OpportunityAdmin(ReadOnlyAdmin):
    list_display = ["reference", "title", "funder", "state", "fit_score", "full_proposal_deadline"]
    list_filter = ["state", "funder"]
    search_fields = ["reference", "title"]
    inlines = [OpportunityCountryInline, FitAssessmentInline]


class ProposalCountryInline(ReadOnlyInline):
    model = ProposalCountry


class LogframeItemInline(ReadOnlyInline):
    model = LogframeItem


class ProposalDocumentInline(ReadOnlyInline):
    model = ProposalDocument
    exclude = ["file"]  # downloaded through the proposal's permission-checked page


class PartnerInline(admin.TabularInline):
    model = ProposalPartner
    extra = 0
    can_delete = False
    readonly_fields = ["organisation", "role", "budget_share_percent", "confirmed_at", "confirmed_by"]


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0
    can_delete = False
    readonly_fields = ["organisation", "category", "description", "amount", "currency"]


@admin.register(JointProposal)
class JointProposalAdmin(ReadOnlyAdmin):
    list_display = ["reference", "title", "lead_organisation", "state"]
    list_filter = ["state"]
    search_fields = ["reference", "title"]
    inlines = [PartnerInline, BudgetLineInline, ProposalCountryInline, LogframeItemInline, ProposalDocumentInline]


@admin.register(OpportunitySheet)
class OpportunitySheetAdmin(ReadOnlyAdmin):
    list_display = ["filename", "uploaded_by", "uploaded_at", "status", "created_count", "updated_count", "unchanged_count"]
    exclude = ["content"]
