"""Documents of a case and the log of every read."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approvals.models import ImmutableError

from ..storage import private_storage


def _document_path(instance, filename):
    # Never the uploaded name: it may name the person.
    import uuid

    return f"casework/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.bin"


class CaseDocument(models.Model):
    """A file about a case (proof of payment, receipt…), stored encrypted in
    private storage and served only through a permission-checked, logged view."""

    class Kind(models.TextChoices):
        PROOF = "proof", _("Preuve de paiement")
        RECEIPT = "receipt", _("Justificatif de dépense")
        ASSESSMENT = "assessment", _("Pièce de vérification")
        OTHER = "other", _("Autre")

    case = models.ForeignKey("casework.Case", verbose_name=_("cas"), on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    file = models.FileField(_("fichier"), storage=private_storage, upload_to=_document_path, max_length=200)
    content_type = models.CharField(_("type de contenu"), max_length=60)
    size = models.PositiveIntegerField(_("taille (octets)"))
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("déposé par"), on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("déposé le"), default=timezone.now)

    class Meta:
        verbose_name = _("document d'un cas")
        verbose_name_plural = _("documents des cas")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return f"{self.case.reference} · {self.get_kind_display()}"

    @property
    def extension(self) -> str:
        return {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}.get(self.content_type, "bin")


class CaseAccessLog(models.Model):
    """Who read what of which case, when. Written once, never changed; the
    emergency committee's chair reads it."""

    class Part(models.TextChoices):
        SUMMARY = "summary", _("Fiche du cas")
        IDENTITY = "identity", _("Identité, contacts, lieu et récit")
        TIMELINE = "timeline", _("Historique")
        DOCUMENT = "document", _("Document")
        LETTER = "letter", _("Lettre")
        ASSESSMENT = "assessment", _("Formulaire d'évaluation")
        EXPORT = "export", _("Export anonymisé")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("personne"), on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        "casework.Case", verbose_name=_("cas"), null=True, blank=True, on_delete=models.PROTECT, related_name="access_logs"
    )
    part = models.CharField(_("partie consultée"), max_length=12, choices=Part.choices)
    detail = models.CharField(_("précision"), max_length=100, blank=True)
    at = models.DateTimeField(_("le"), default=timezone.now, db_index=True)
    # A keyed hash: the same address can be recognised, not read back.
    ip_hash = models.CharField(_("empreinte de l'adresse IP"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("consultation d'un cas")
        verbose_name_plural = _("journal des consultations")
        ordering = ["-at", "-id"]
        permissions = [("read_access_log", _("Lire le journal des consultations des cas"))]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.part}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableError("An access log entry is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("An access log entry is never removed.")
