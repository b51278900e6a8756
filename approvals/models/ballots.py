from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .committees import Committee, Threshold


class Choice(models.TextChoices):
    APPROVE = "approve", _("Approuver")
    REJECT = "reject", _("Rejeter")
    REQUEST_CHANGES = "request_changes", _("Demander des modifications")
    ABSTAIN = "abstain", _("S'abstenir")


class Outcome(models.TextChoices):
    APPROVED = "approve", _("Approuvé")
    REJECTED = "reject", _("Rejeté")
    CHANGES_REQUESTED = "request_changes", _("Modifications demandées")


class Ballot(models.Model):
    """One committee, one question, one dossier."""

    class Status(models.TextChoices):
        OPEN = "open", _("Ouvert")
        DECIDED = "decided", _("Décidé")
        EXPIRED = "expired", _("Expiré sans quorum")
        CANCELLED = "cancelled", _("Annulé")

    committee = models.ForeignKey(Committee, verbose_name=_("comité"), on_delete=models.PROTECT, related_name="ballots")
    question = models.CharField(_("question"), max_length=300)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    dossier = GenericForeignKey("content_type", "object_id")
    dossier_reference = models.CharField(_("dossier"), max_length=32, db_index=True)
    threshold = models.CharField(_("seuil"), max_length=20, choices=Threshold.choices)
    quorum_percent = models.PositiveSmallIntegerField(_("quorum (%)"))
    deadline = models.DateTimeField(_("date limite"))
    proposed_amount = models.DecimalField(_("montant proposé"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("devise"), max_length=3, blank=True)
    conditions = models.TextField(_("conditions proposées"), blank=True)
    decision_transitions = models.JSONField(
        _("transitions déclenchées par la décision"),
        default=dict,
        blank=True,
        help_text=_("Résultat → transition du dossier, pour ce scrutin ; sinon celles du type de dossier."),
    )
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True)
    outcome = models.CharField(_("résultat"), max_length=20, choices=Outcome.choices, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ouvert par"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("ouvert le"), default=timezone.now)
    closed_at = models.DateTimeField(_("clos le"), null=True, blank=True)

    class Meta:
        verbose_name = _("scrutin")
        verbose_name_plural = _("scrutins")
        ordering = ["-opened_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quorum_percent__gte=1, quorum_percent__lte=100), name="ballot_quorum_percent_range"
            ),
            # At most one open ballot per committee and dossier.
            models.UniqueConstraint(
                fields=["committee", "content_type", "object_id"],
                condition=models.Q(status="open"),
                name="one_open_ballot_per_dossier_and_committee",
            ),
        ]

    def __str__(self):
        return f"{self.committee.decision_prefix} · {self.dossier_reference} · {self.question}"

    def get_absolute_url(self):
        return reverse("approvals:ballot", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Seat(models.Model):
    """A committee member's place on one ballot, fixed when it opens.

    A recused seat does not vote and does not count toward quorum.
    """

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="seats")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ballot_seats")
    recused_at = models.DateTimeField(_("récusé le"), null=True, blank=True)
    recusal_reason = models.CharField(_("motif de récusation"), max_length=300, blank=True)
    recused_automatically = models.BooleanField(_("récusation automatique"), default=False)

    class Meta:
        verbose_name = _("siège")
        verbose_name_plural = _("sièges")
        constraints = [models.UniqueConstraint(fields=["ballot", "member"], name="one_seat_per_member_and_ballot")]

    def __str__(self):
        return f"{self.member} @ {self.ballot_id}"

    @property
    def is_recused(self) -> bool:
        return self.recused_at is not None


class Vote(models.Model):
    """One vote per eligible member and ballot, changeable until it closes."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="votes")
    choice = models.CharField(_("vote"), max_length=20, choices=Choice.choices)
    comment = models.TextField(_("commentaire"), blank=True)
    cast_at = models.DateTimeField(_("exprimé le"), default=timezone.now)
    changed_at = models.DateTimeField(_("modifié le"), null=True, blank=True)
    # Set when the vote was given in the room and confirmed by the chair.
    meeting = models.ForeignKey(
        "approvals.Meeting", verbose_name=_("donné en séance"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["cast_at", "id"]
        constraints = [models.UniqueConstraint(fields=["ballot", "member"], name="one_vote_per_member_and_ballot")]

    def __str__(self):
        return f"{self.member} : {self.get_choice_display()}"


class Decision(models.Model):
    """What a committee decided on a dossier. Recorded once per ballot."""

    reference = models.CharField(_("référence"), max_length=32, unique=True)
    committee = models.ForeignKey(Committee, verbose_name=_("comité"), on_delete=models.PROTECT, related_name="decisions")
    ballot = models.OneToOneField(
        Ballot, verbose_name=_("scrutin"), null=True, blank=True, on_delete=models.PROTECT, related_name="decision"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    dossier = GenericForeignKey("content_type", "object_id")
    dossier_reference = models.CharField(_("dossier"), max_length=32, db_index=True)
    outcome = models.CharField(_("résultat"), max_length=20, choices=Outcome.choices)
    conditions = models.TextField(_("conditions"), blank=True)
    amount = models.DecimalField(_("montant"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("devise"), max_length=3, blank=True)
    rationale = models.TextField(_("motivation"), blank=True)
    decided_at = models.DateTimeField(_("décidé le"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("décidé par"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("décision")
        verbose_name_plural = _("décisions")
        ordering = ["-decided_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0), name="decision_amount_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.reference} ({self.get_outcome_display()})"
