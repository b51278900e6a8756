"""Administration of letter templates (upload = new version) and letters
(conversion failures visible, PDF retried on demand)."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..admin import HidesSensitiveDossiers
from ..models import Letter, LetterBatch, LetterBatchItem, LetterTemplate, Meeting
from . import services
from .forms import LetterTemplateUploadForm


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    """A version is never edited or removed: a new upload is a new version."""

    list_display = ["kind", "language", "version", "note", "uploaded_by", "uploaded_at", "download"]
    list_filter = ["kind", "language"]
    form = LetterTemplateUploadForm

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["kind", "language", "file", "note"]
        return ["kind", "language", "version", "sha256", "original_name", "note", "uploaded_by", "uploaded_at", "download"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return self.get_fields(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            kwargs["form"] = admin.ModelAdmin.form
        return super().get_form(request, obj, change=change, **kwargs)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("fichier"))
    def download(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("letters:template", args=[obj.pk]), _("Télécharger"))

    def save_model(self, request, obj, form, change):
        created = services.letter_template_upload(
            kind=form.cleaned_data["kind"],
            language=form.cleaned_data["language"],
            content=form.content,
            by=request.user,
            original_name=form.cleaned_data["file"].name,
            note=form.cleaned_data.get("note", ""),
        )
        obj.pk = created.pk
        obj.version = created.version
        obj._state.adding = False


@admin.register(Letter)
class LetterAdmin(HidesSensitiveDossiers, admin.ModelAdmin):
    reference_paths = ("dossier_reference", "decision__dossier_reference")
    sensitive_flag = "sensitive"
    list_display = ["reference", "kind", "language", "dossier_reference", "revision", "render_status", "pdf_status", "issued_at"]
    list_filter = ["render_status", "pdf_status", "kind", "language"]
    search_fields = ["reference", "dossier_reference"]
    actions = ["retry_render", "retry_pdf"]
    fields = [
        "reference", "kind", "language", "dossier_reference", "decision", "meeting", "template", "revision",
        "render_status", "render_error", "sha256", "pdf_status", "pdf_error", "pdf_sha256", "issued_at", "rendered_at",
        "download",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("fichier"))
    def download(self, obj):
        if not obj.file:
            return "—"
        # Through the permission-checked view, never a storage URL.
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Télécharger"))

    @admin.action(description=_("Relancer la production des lettres en échec"))
    def retry_render(self, request, queryset):
        count = services.letter_render_retry(letter_ids=queryset.values_list("pk", flat=True), by=request.user)
        self.message_user(request, _("%(count)d production(s) relancée(s).") % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Relancer la conversion PDF des lettres en échec"))
    def retry_pdf(self, request, queryset):
        count = services.letter_pdf_retry(letter_ids=queryset.values_list("pk", flat=True))
        self.message_user(request, _("%(count)d conversion(s) relancée(s).") % {"count": count}, messages.SUCCESS)


class LetterBatchItemInline(HidesSensitiveDossiers, admin.TabularInline):
    content_type_path = "decision__content_type_id"
    reference_paths = ("decision__dossier_reference",)
    model = LetterBatchItem
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LetterBatch)
class LetterBatchAdmin(admin.ModelAdmin):
    list_display = ["pk", "created_by", "created_at"]
    inlines = [LetterBatchItemInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(HidesSensitiveDossiers, admin.ModelAdmin):
    content_type_path = None
    text_paths = ("agenda", "notes")
    """Meetings are run from the chair's pages; here they can be read and corrected."""

    list_display = ["reference", "title", "committee", "kind", "date"]
    list_filter = ["committee", "kind"]
    filter_horizontal = ["attendees"]
    exclude = ["decisions"]
