from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

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


def _sensitive_prefixes():
    return [f"{model.reference_prefix}-" for model in dossier_models() if model.sensitive]


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records that only services write (or nobody, once written)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class HidesSensitiveDossiers:
    """Nothing of a sensitive dossier (an emergency case: its letters,
    decisions, ballots, votes, timeline, status links, messages, the
    notifications and outbox messages that name it) appears in the admin:
    only the emergency committee and the assigned officer read them, on
    logged pages. Every engine admin showing such rows uses this mixin; its
    queryset (lists, search, change pages, inlines) leaves them out:

    - `content_type_path`: the row's dossier content type (None: none);
    - `reference_paths`: fields holding a dossier reference (URG-…);
    - `text_paths`: fields (text or JSON) that may name one anywhere;
    - `sensitive_flag`: a boolean field (or JSON key path) marking such rows.
    """

    content_type_path: str | None = "content_type_id"
    reference_paths: tuple = ()
    text_paths: tuple = ()
    sensitive_flag: str | None = None

    def get_queryset(self, request):
        return hide_sensitive(super().get_queryset(request), self)


def hide_sensitive(queryset, spec):
    """`queryset` without the rows `spec` (a HidesSensitiveDossiers) marks as sensitive."""
    hidden = Q(pk__in=[])
    if spec.content_type_path:
        hidden |= Q(**{f"{spec.content_type_path}__in": _sensitive_content_types()})
    prefixes = _sensitive_prefixes()
    for path in spec.reference_paths:
        for prefix in prefixes:
            hidden |= Q(**{f"{path}__startswith": prefix})
    for index, path in enumerate(spec.text_paths):
        alias = f"_relais_text_{index}"
        queryset = queryset.alias(**{alias: Cast(path, TextField())})
        for prefix in prefixes:
            hidden |= Q(**{f"{alias}__contains": prefix})
    if spec.sensitive_flag:
        hidden |= Q(**{spec.sensitive_flag: True})
    return queryset.exclude(hidden)
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
    reference_paths = ("dossier_reference",)

    list_display = ["dossier_reference", "committee", "question", "status", "outcome", "deadline"]
    list_filter = ["status", "committee"]
    search_fields = ["dossier_reference", "question"]
    inlines = [SeatInline]
    readonly_fields = ["content_type", "object_id", "dossier_reference", "status", "outcome", "opened_by", "opened_at", "closed_at"]


@admin.register(Vote)
class VoteAdmin(HidesSensitiveDossiers, admin.ModelAdmin):
    content_type_path = "ballot__content_type_id"
    reference_paths = ("ballot__dossier_reference",)

    list_display = ["ballot", "member", "choice", "cast_at"]
    readonly_fields = ["ballot", "member", "choice", "comment", "cast_at", "changed_at"]

    def has_add_permission(self, request):
        return False


@admin.register(Decision)
class DecisionAdmin(HidesSensitiveDossiers, admin.ModelAdmin):
    reference_paths = ("dossier_reference",)
    list_display = ["reference", "committee", "dossier_reference", "outcome", "amount", "currency", "decided_at"]
    list_filter = ["committee", "outcome"]
    search_fields = ["reference", "dossier_reference"]

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]


@admin.register(TimelineEntry)
class TimelineEntryAdmin(HidesSensitiveDossiers, ReadOnlyAdmin):
    reference_paths = ("dossier_reference",)
    list_display = ["dossier_reference", "kind", "from_state", "to_state", "actor_label", "created_at"]
    search_fields = ["dossier_reference"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(HidesSensitiveDossiers, admin.ModelAdmin):
    """Failures are visible here; administrators can put them back in the queue."""

    content_type_path = None
    text_paths = ("payload", "dedupe_key", "last_error")
    sensitive_flag = "payload__sensitive"

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
class NotificationAdmin(HidesSensitiveDossiers, admin.ModelAdmin):
    content_type_path = None
    reference_paths = ("dossier_reference",)
    text_paths = ("url", "subject", "body")
    list_display = ["recipient", "subject", "created_at", "read_at", "emailed_at"]
    search_fields = ["recipient__email", "dossier_reference"]


@admin.register(Sequence)
class SequenceAdmin(ReadOnlyAdmin):
    list_display = ["key", "last_value"]


@admin.register(DossierMessage)
class DossierMessageAdmin(HidesSensitiveDossiers, ReadOnlyAdmin):
    reference_paths = ("dossier_reference",)
    list_display = ["dossier_reference", "author", "created_at"]
    search_fields = ["dossier_reference"]


@admin.register(StatusLink)
class StatusLinkAdmin(HidesSensitiveDossiers, ReadOnlyAdmin):
    reference_paths = ("dossier_reference",)
    list_display = ["dossier_reference", "created_at", "created_by", "revoked_at", "last_used_at"]
    exclude = ["token_hash"]
