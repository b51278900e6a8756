from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..saving import writes_as_django


class ImmutableError(Exception):
    pass


class TimelineEntry(models.Model):
    """One step in a dossier's life. Written once, never changed or removed."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Création")
        TRANSITION = "transition", _("Changement d'état")
        EVENT = "event", _("Événement")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    dossier = GenericForeignKey("content_type", "object_id")
    dossier_reference = models.CharField(_("référence"), max_length=32, db_index=True)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices, default=Kind.TRANSITION)
    transition = models.CharField(_("transition"), max_length=64, blank=True)
    from_state = models.CharField(_("de"), max_length=50, blank=True)
    to_state = models.CharField(_("vers"), max_length=50, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("par"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(_("acteur"), max_length=200, blank=True)
    comment = models.TextField(_("commentaire interne"), blank=True)
    public_label = models.CharField(_("libellé public"), max_length=200, blank=True)
    public = models.BooleanField(_("visible du demandeur"), default=True)
    created_at = models.DateTimeField(_("le"), default=timezone.now, editable=False)
    # Kinds with `tracked_fields`: what those fields held after this step, and
    # what changed since the previous snapshot ([{field, label, before, after}]).
    snapshot = models.JSONField(_("état des champs suivis"), null=True, blank=True)
    changes = models.JSONField(_("changements"), null=True, blank=True)

    class Meta:
        verbose_name = _("étape de l'historique")
        verbose_name_plural = _("historique")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]

    def __str__(self):
        return f"{self.dossier_reference} {self.from_state}→{self.to_state}"

    @writes_as_django  # refuses to change a saved entry only
    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableError("A timeline entry is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("A timeline entry is never removed.")
