from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """Something that must happen after a commit (a notification, a letter).

    Written in the same transaction as the change that causes it, delivered
    later by the relay, so a dead worker or a dead Redis loses nothing.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        DELIVERED = "delivered", _("Livré")
        FAILED = "failed", _("En échec")

    topic = models.CharField(_("sujet"), max_length=64)
    payload = models.JSONField(_("contenu"), default=dict)
    dedupe_key = models.CharField(_("clé d'unicité"), max_length=200, unique=True, null=True, blank=True)
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    available_at = models.DateTimeField(_("à partir du"), default=timezone.now)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    delivered_at = models.DateTimeField(_("livré le"), null=True, blank=True)

    class Meta:
        verbose_name = _("message sortant")
        verbose_name_plural = _("messages sortants")
        ordering = ["id"]
        indexes = [
            models.Index(
                fields=["available_at", "id"], condition=models.Q(status="pending"), name="outbox_pending_idx"
            )
        ]

    def __str__(self):
        return f"{self.topic} #{self.pk} ({self.status})"

    @staticmethod
    def backoff(attempts: int) -> timedelta:
        return timedelta(seconds=min(3600, 15 * 2 ** max(0, attempts - 1)))

    @staticmethod
    def max_attempts() -> int:
        return getattr(settings, "RELAIS_OUTBOX_MAX_ATTEMPTS", 8)


class Notification(models.Model):
    """An in-app inbox item, in the recipient's language; also emailed."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("destinataire"), on_delete=models.CASCADE, related_name="notifications"
    )
    subject = models.CharField(_("objet"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("lien"), max_length=300, blank=True)
    dossier_reference = models.CharField(_("dossier"), max_length=32, blank=True, db_index=True)
    source_key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(_("reçu le"), default=timezone.now)
    read_at = models.DateTimeField(_("lu le"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("envoyé par e-mail le"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.subject
