"""The action plan's own targets: axes, indicators with a target, and the
values the responsible groups enter (with evidence, never overwritten).

An indicator is either computed (`source`, a name of the registry
indicators.plan.sources) or entered by its responsible group (`responsible_role`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from approvals.storage import PrivateStorage


class Axis(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("intitulé"), max_length=200)
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("axe du plan d'action")
        verbose_name_plural = _("axes du plan d'action")
        ordering = ["order", "pk"]
        permissions = [("view_plan", _("Voir le plan d'action et l'avancement de ses indicateurs"))]

    def __str__(self):
        return self.title


class Indicator(models.Model):
    class Frequency(models.TextChoices):
        YEAR = "year", _("par an")
        QUARTER = "quarter", _("par trimestre")

    class Measure(models.TextChoices):
        NUMBER = "number", _("Nombre")
        PERCENT = "percent", _("Pourcentage")
        DONE = "done", _("Fait ou non")

    axis = models.ForeignKey(Axis, verbose_name=_("axe"), on_delete=models.PROTECT, related_name="indicators")
    code = models.SlugField(_("code"), max_length=60, unique=True)
    title = models.CharField(_("intitulé"), max_length=200)
    measure = models.CharField(_("mesure"), max_length=10, choices=Measure.choices, default=Measure.NUMBER)
    target = models.DecimalField(_("cible"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("unité"), max_length=60, blank=True)
    frequency = models.CharField(_("période de la cible"), max_length=10, choices=Frequency.choices, default=Frequency.YEAR)
    # A name of indicators.plan.sources (checked there: the registry grows
    # with the apps, so it is not a database choice); empty: entered by hand.
    source = models.CharField(_("source calculée"), max_length=60, blank=True)
    responsible_role = models.CharField(_("groupe responsable"), max_length=30, choices=Role.choices, blank=True)
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    is_active = models.BooleanField(_("suivi"), default=True)

    class Meta:
        verbose_name = _("indicateur du plan d'action")
        verbose_name_plural = _("indicateurs du plan d'action")
        ordering = ["axis__order", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(target__gte=0), name="indicators_target_not_negative"),
            # computed, or entered by a named group: one of the two
            models.CheckConstraint(
                condition=(~Q(source="") & Q(responsible_role="")) | (Q(source="") & ~Q(responsible_role="")),
                name="indicators_computed_or_entered",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("indicators:plan_indicator", kwargs={"code": self.code})

    @property
    def is_computed(self) -> bool:
        return bool(self.source)


class IndicatorValue(models.Model):
    """One value entered for one period. A correction is a new row: the
    latest counts, the earlier ones stay in the history."""

    indicator = models.ForeignKey(Indicator, verbose_name=_("indicateur"), on_delete=models.PROTECT, related_name="values")
    period_start = models.DateField(_("début de la période"))
    period_end = models.DateField(_("fin de la période (exclue)"))
    value = models.DecimalField(_("valeur"), max_digits=12, decimal_places=2)
    comment = models.TextField(_("commentaire"), blank=True)
    evidence = models.FileField(_("justificatif"), storage=PrivateStorage(), upload_to="indicators/evidence/%Y/", blank=True)
    evidence_name = models.CharField(_("nom du justificatif"), max_length=255, blank=True)
    evidence_sha256 = models.CharField(_("empreinte du justificatif"), max_length=64, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("saisi par"), on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("saisi le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("valeur d'un indicateur")
        verbose_name_plural = _("valeurs des indicateurs")
        ordering = ["-entered_at", "-pk"]
        indexes = [models.Index(fields=["indicator", "period_start", "entered_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="indicators_value_not_negative"),
            models.CheckConstraint(condition=Q(period_end__gt=models.F("period_start")), name="indicators_value_period_ordered"),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value}"
