"""Files attached to a membership application."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..storage import PrivateStorage


def _document_path(instance, filename):
    # Never the uploaded name on disk: a random name, the checked extension.
    return f"members/applications/{instance.application_id}/{uuid.uuid4().hex}.{instance.extension}"


class ApplicationDocument(models.Model):
    """A file attached to an application, stored privately, served only
    through a permission-checked view."""

    class Kind(models.TextChoices):
        STATUTES = "statutes", _("Statuts")
        RECEIPT = "receipt", _("Récépissé")
        ACTIVITY_REPORT = "activity_report", _("Rapport d'activité")

    application = models.ForeignKey("members.MembershipApplication", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("type de document"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("fichier"), upload_to=_document_path, storage=PrivateStorage(), max_length=200)
    original_name = models.CharField(_("nom d'origine"), max_length=200)
    content_type = models.CharField(_("type de contenu"), max_length=100)
    extension = models.CharField(max_length=8)
    size = models.PositiveIntegerField(_("taille (octets)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("déposé le"), default=timezone.now)

    class Meta:
        verbose_name = _("document de demande")
        verbose_name_plural = _("documents de demande")
        ordering = ["kind", "-uploaded_at"]
        constraints = [
            # One current file per kind: a new upload replaces the previous one.
            models.UniqueConstraint(fields=["application", "kind"], name="members_document_one_per_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.original_name}"

    def get_absolute_url(self):
        return reverse(
            "members:document", kwargs={"reference": self.application.reference, "pk": self.pk}
        )

