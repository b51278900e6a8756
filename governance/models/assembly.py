"""The General Assembly: each member organisation in good standing is
represented by one delegate (its focal point, or a proxy it names, the
naming recorded); observers attend without a vote; resolutions are voted one
organisation, one vote (a unique constraint per resolution and organisation).

The meeting itself (date, invitations, agenda, attendance, minutes) is an
approvals.Meeting of kind "general_assembly".
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approvals.models import Choice, Threshold


class Assembly(models.Model):
    meeting = models.OneToOneField(
        "approvals.Meeting", verbose_name=_("réunion"), on_delete=models.PROTECT, related_name="assembly"
    )
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (% des organisations votantes représentées)"), default=50
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("créée par"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)

    class Meta:
        verbose_name = _("assemblée générale")
        verbose_name_plural = _("assemblées générales")
        ordering = ["-meeting__date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quorum_percent__gte=1, quorum_percent__lte=100), name="governance_assembly_quorum_range"
            )
        ]

    def __str__(self):
        return str(self.meeting)

    def get_absolute_url(self):
        return reverse("governance:assembly", kwargs={"pk": self.pk})


class Delegation(models.Model):
    """Who votes for an organisation at an assembly, when it is not its
    focal point by default: a proxy the organisation named (who named
    whom, when), or the focal point it designated among several."""

    assembly = models.ForeignKey(Assembly, verbose_name=_("assemblée"), on_delete=models.CASCADE, related_name="delegations")
    organisation = models.ForeignKey("members.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+")
    delegate = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("délégué·e"), on_delete=models.PROTECT, related_name="+")
    is_proxy = models.BooleanField(_("procuration"), default=False)
    named_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("désigné·e par"), on_delete=models.PROTECT, related_name="+")
    named_at = models.DateTimeField(_("désigné·e le"), default=timezone.now)

    class Meta:
        verbose_name = _("délégation")
        verbose_name_plural = _("délégations")
        ordering = ["assembly", "organisation"]
        constraints = [models.UniqueConstraint(fields=["assembly", "organisation"], name="governance_one_delegate_per_org")]

    def __str__(self):
        return f"{self.organisation_id} → {self.delegate_id}"


class Resolution(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("En préparation")
        OPEN = "open", _("Vote ouvert")
        CLOSED = "closed", _("Vote clos")

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("Adoptée")
        REJECTED = "rejected", _("Rejetée")
        NO_QUORUM = "no_quorum", _("Sans quorum")

    assembly = models.ForeignKey(Assembly, verbose_name=_("assemblée"), on_delete=models.PROTECT, related_name="resolutions")
    number = models.PositiveSmallIntegerField(_("numéro"))
    title = models.CharField(_("intitulé"), max_length=200)
    text = models.TextField(_("texte"), blank=True)
    threshold = models.CharField(_("majorité requise"), max_length=20, choices=Threshold.choices, default=Threshold.SIMPLE_MAJORITY)
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    opened_at = models.DateTimeField(_("ouvert le"), null=True, blank=True)
    closed_at = models.DateTimeField(_("clos le"), null=True, blank=True)
    outcome = models.CharField(_("résultat"), max_length=12, choices=Outcome.choices, blank=True)
    counts = models.JSONField(_("décompte"), default=dict, blank=True)

    class Meta:
        verbose_name = _("résolution")
        verbose_name_plural = _("résolutions")
        ordering = ["assembly", "number"]
        constraints = [models.UniqueConstraint(fields=["assembly", "number"], name="governance_one_resolution_number")]

    def __str__(self):
        return f"R{self.number} · {self.title}"


class ResolutionVote(models.Model):
    """One organisation's vote on one resolution, cast by its delegate."""

    resolution = models.ForeignKey(Resolution, verbose_name=_("résolution"), on_delete=models.PROTECT, related_name="votes")
    organisation = models.ForeignKey("members.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+")
    cast_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("exprimé par"), on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("vote"), max_length=20, choices=Choice.choices)
    cast_at = models.DateTimeField(_("exprimé le"), default=timezone.now)

    class Meta:
        verbose_name = _("vote sur une résolution")
        verbose_name_plural = _("votes sur les résolutions")
        ordering = ["resolution", "cast_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["resolution", "organisation"], name="governance_one_vote_per_org_and_resolution")
        ]

    def __str__(self):
        return f"{self.resolution_id}:{self.organisation_id} {self.choice}"
