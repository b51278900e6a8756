"""A member organisation named by an applicant as a referee."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation


class Reference(models.Model):
    """A member organisation named by an applicant as a referee; its focal
    points confirm or decline from their own accounts."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        CONFIRMED = "confirmed", _("Confirmée")
        DECLINED = "declined", _("Déclinée")

    application = models.ForeignKey("members.MembershipApplication", on_delete=models.CASCADE, related_name="references")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation référente"), on_delete=models.PROTECT, related_name="references_given"
    )
    status = models.CharField(_("réponse"), max_length=20, choices=Status.choices, default=Status.PENDING)
    comment = models.TextField(_("commentaire"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    requested_at = models.DateTimeField(_("demandée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("référence")
        verbose_name_plural = _("références")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "organisation"], name="members_reference_once"),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(answered_at__isnull=False), name="members_reference_answered_at"
            ),
        ]

    def __str__(self):
        return f"{self.application.reference} ← {self.organisation}"

    @property
    def awaits_answer(self) -> bool:
        """Asked for, not answered, and the application still open."""
        return (
            self.status == self.Status.PENDING
            and self.requested_at is not None
            and self.application.state in self.application.OPEN_STATES
        )

