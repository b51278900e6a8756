from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Threshold(models.TextChoices):
    SIMPLE_MAJORITY = "simple_majority", _("Majorité simple")
    TWO_THIRDS = "two_thirds", _("Deux tiers")
    UNANIMITY = "unanimity", _("Unanimité")
    SINGLE_APPROVER = "single_approver", _("Décision d'une seule personne")


class Committee(models.Model):
    """The COPIL, the emergency committee, a working group."""

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Comité")
        WORKING_GROUP = "working_group", _("Groupe de travail")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.COMMITTEE)
    decision_prefix = models.CharField(
        _("préfixe des décisions"), max_length=12, help_text=_("Par exemple COPIL : décisions COPIL-2026-014.")
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("présidence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaired_committees",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("membres"), related_name="committees", blank=True
    )
    default_threshold = models.CharField(
        _("seuil par défaut"), max_length=20, choices=Threshold.choices, default=Threshold.SIMPLE_MAJORITY
    )
    default_quorum_percent = models.PositiveSmallIntegerField(_("quorum par défaut (%)"), default=50)
    default_ballot_days = models.PositiveSmallIntegerField(_("durée par défaut d'un scrutin (jours)"), default=14)

    class Meta:
        verbose_name = _("comité")
        verbose_name_plural = _("comités")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(default_quorum_percent__gte=1, default_quorum_percent__lte=100),
                name="committee_quorum_percent_range",
            )
        ]

    def __str__(self):
        return self.name

    def is_member(self, user) -> bool:
        return user.is_authenticated and (self.chair_id == user.pk or self.members.filter(pk=user.pk).exists())
