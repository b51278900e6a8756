"""The secretariat corrects directory data and vocabularies here; states
change only through the workflow (perform), never in the admin."""

from django.contrib import admin

from .models import ApplicationDocument, MembershipApplication, Organisation, Reference, TargetGroup, Theme


@admin.register(Theme, TargetGroup)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "code", "position"]
    search_fields = ["name", "name_en", "code"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "country", "state", "reference", "joined_on"]
    list_filter = ["state", "country", "domains"]
    search_fields = ["name", "acronym", "registration_number", "email", "reference"]
    readonly_fields = ["reference", "state", "status", "owner", "created_at", "state_entered_at", "deadline_at"]
    filter_horizontal = ["domains", "target_groups", "focal_points"]


class ReferenceInline(admin.TabularInline):
    model = Reference
    extra = 0
    readonly_fields = ["organisation", "status", "comment", "answered_by", "answered_at", "requested_at"]
    can_delete = False


class DocumentInline(admin.TabularInline):
    model = ApplicationDocument
    extra = 0
    fields = ["kind", "original_name", "content_type", "size", "uploaded_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(admin.ModelAdmin):
    list_display = ["reference", "name", "acronym", "country", "state", "created_at"]
    list_filter = ["state", "country"]
    search_fields = ["reference", "name", "acronym", "email"]
    readonly_fields = [
        "reference", "state", "owner", "created_at", "state_entered_at", "deadline_at", "submitted_at",
        "decided_at", "charter_accepted_at", "organisation",
    ]
    inlines = [ReferenceInline, DocumentInline]

    def has_add_permission(self, request):
        return False  # applications are filed through the form, which runs the workflow
