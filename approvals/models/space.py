"""The applicants' space: messages on a dossier and status links without an account."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MESSAGE_MAX_LENGTH = 5000


class DossierMessage(models.Model):
    """A plain-text message on a dossier, between its applicant side and the
    people handling it. Written once; read markers are per reader."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    dossier = GenericForeignKey("content_type", "object_id")
    dossier_reference = models.CharField(_("référence"), max_length=32, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.PROTECT, related_name="+"
    )
    from_applicant = models.BooleanField(_("écrit par le demandeur"), default=False)
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(_("envoyé le"), default=timezone.now, editable=False)
    read_by = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("lu par"), related_name="+", blank=True, through="DossierMessageRead"
    )

    class Meta:
        verbose_name = _("message sur un dossier")
        verbose_name_plural = _("messages sur les dossiers")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=~models.Q(body=""), name="dossier_message_not_empty"),
        ]

    def __str__(self):
        return f"{self.dossier_reference} #{self.pk}"


class DossierMessageRead(models.Model):
    message = models.ForeignKey(DossierMessage, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lecture d'un message")
        verbose_name_plural = _("lectures des messages")
        constraints = [models.UniqueConstraint(fields=["message", "user"], name="dossier_message_read_once")]


class StatusLink(models.Model):
    """A secret link to a dossier's public state, for someone without an
    account. Only the SHA-256 of the token is kept; issuing a new link
    revokes the earlier ones."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    dossier = GenericForeignKey("content_type", "object_id")
    dossier_reference = models.CharField(_("référence"), max_length=32, db_index=True)
    token_hash = models.CharField(_("empreinte du jeton"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("émis le"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("émis par"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dernière consultation"), null=True, blank=True)

    class Meta:
        verbose_name = _("lien de suivi")
        verbose_name_plural = _("liens de suivi")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(token_hash__regex=r"^[0-9a-f]{64}$"), name="status_link_hash_hex"),
        ]

    def __str__(self):
        return f"{self.dossier_reference} ({'revoked' if self.revoked_at else 'active'})"
