from django.db import models
from django.utils.translation import gettext_lazy as _


class RateCounter(models.Model):
    """One fixed window of a rate limit: how many hits since the window
    opened, and when it ends. `approvals.ratelimit` updates it with one
    atomic UPDATE (F() and CASE), so concurrent hits all count and nothing —
    no cache timeout, no re-save — can shorten the window."""

    key = models.CharField(_("clé"), max_length=80, primary_key=True)
    count = models.PositiveIntegerField(_("nombre"), default=0)
    window_end = models.DateTimeField(_("fin de la fenêtre"), db_index=True)

    class Meta:
        verbose_name = _("compteur de limite")
        verbose_name_plural = _("compteurs de limite")

    def __str__(self):
        return f"{self.key}: {self.count}"
