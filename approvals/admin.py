from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from django.contrib.contenttypes.models import ContentType

from .models import (
    Ballot,
    Committee,
    Decision,
    DossierMessage,
    Notification,
    OutboxMessage,
    Seat,
    Sequence,
    StatusLink,
    TimelineEntry,
    Vote,
)
from .registry import dossier_models


def _sensitive_content_types():
    return [ContentType.objects.get_for_model(model).pk for model in dossier_models() if model.sensitive]


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records that only services write (or nobody, once written)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class HidesSensitiveDossiers:
    """Rows about sensitive dossiers (emergency cases: ballots' questions,
    comments, rationales, messages) stay out of the admin: only the
    emergency committee and the assigned officer read them, on logged pages."""

    content_type_path = "content_type_id"

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(**{f"{self.content_type_path}__in": _sensitive_content_types()})
from .services import retry_failed
from .letters import admin as letters_admin  # noqa: F401  (letter templates and letters)


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "decision_prefix", "chair"]
    filter_horizontal = ["members"]


class SeatInline(admin.TabularInline):
    model = Seat
    extra = 0
    readonly_fields = ["member", "recused_at", "recusal_reason", "recused_automatically"]
    can_delete = False


@admin.register(Ballot)
class BallotAdmin(HidesSensitiveDossiers, admin.ModelAdmin):
    list_display = ["dossier_reference", "committee", "question", "status", "outcome", "deadline"]
    list_filter = ["status", "committee"]
    search_fields = ["dossier_reference", "question"]
    inlines = [SeatInline]
    readonly_fields = ["content_type", "object_id", "dossier_reference", "status", "outcome", "opened_by", "opened_at", "closed_at"]


@admin.register(Vote)
class VoteAdmin(HidesSensitiveDossiers, admin.ModelAdmin):
    content_type_path = "ballot__content_type_id"

    list_display = ["ballot", "member", "choice", "cast_at"]
    readonly_fields = ["ballot", "member", "choice", "comment", "cast_at", "changed_at"]

    def has_add_permission(self, request):
        return False


@admin.register(Decision)
class DecisionAdmin(HidesSensitiveDossiers, admin.ModelAdmin):
    list_display = ["reference", "committee", "dossier_reference", "outcome", "amount", "currency", "decided_at"]
    list_filter = ["committee", "outcome"]
    search_fields = ["reference", "dossier_reference"]

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]


@admin.register(TimelineEntry)
class TimelineEntryAdmin(HidesSensitiveDossiers, ReadOnlyAdmin):
    list_display = ["dossier_reference", "kind", "from_state", "to_state", "actor_label", "created_at"]
    search_fields = ["dossier_reference"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Failures are visible here; administrators can put them back in the queue."""

    list_display = ["id", "topic", "status", "attempts", "available_at", "last_error"]
    list_filter = ["status", "topic"]
    actions = ["retry"]
    readonly_fields = ["topic", "dedupe_key", "status", "attempts", "available_at", "last_error", "created_at", "delivered_at"]
    exclude = ["payload"]

    @admin.action(description=_("Relancer les messages en échec"))
    def retry(self, request, queryset):
        count = retry_failed(queryset.values_list("pk", flat=True))
        self.message_user(request, _("%(count)d message(s) relancé(s).") % {"count": count}, messages.SUCCESS)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "subject", "created_at", "read_at", "emailed_at"]
    search_fields = ["recipient__email", "dossier_reference"]


@admin.register(Sequence)
class SequenceAdmin(ReadOnlyAdmin):
    list_display = ["key", "last_value"]


@admin.register(DossierMessage)
class DossierMessageAdmin(HidesSensitiveDossiers, ReadOnlyAdmin):
    list_display = ["dossier_reference", "author", "created_at"]
    search_fields = ["dossier_reference"]


@admin.register(StatusLink)
class StatusLinkAdmin(HidesSensitiveDossiers, ReadOnlyAdmin):
    list_display = ["dossier_reference", "created_at", "created_by", "revoked_at", "last_used_at"]
    exclude = ["token_hash"]
