"""The emergency fund's money: funds, contributions in, commitments,
disbursements out.

Invariants held by the database as well as by the services (which lock the
case row, then the fund row, always in that order):
- a fund never commits more than it received, nor pays more than it committed;
- a case is never paid more than was approved (see Case's constraints);
- the same disbursement form is never recorded twice (unique idempotency key);
- the person who asked for a disbursement never confirms it (four eyes).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..fields import EncryptedTextField
from .choices import CURRENCIES, Channel

MONEY = {"max_digits": 14, "decimal_places": 2}


class Fund(models.Model):
    name = models.CharField(_("nom"), max_length=200, unique=True)
    currency = models.CharField(_("devise"), max_length=3, choices=CURRENCIES)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("actif"), default=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    # Running totals, kept in step by the services under a row lock.
    contributed_total = models.DecimalField(_("contributions reçues"), default=Decimal("0"), **MONEY)
    committed_total = models.DecimalField(_("montants engagés"), default=Decimal("0"), **MONEY)
    disbursed_total = models.DecimalField(_("montants versés"), default=Decimal("0"), **MONEY)

    class Meta:
        verbose_name = _("fonds")
        verbose_name_plural = _("fonds")
        ordering = ["name"]
        permissions = [("view_fund_statement", _("Voir et télécharger les relevés des fonds pour les bailleurs"))]
        constraints = [
            models.CheckConstraint(condition=Q(contributed_total__gte=0), name="fund_contributed_not_negative"),
            models.CheckConstraint(condition=Q(disbursed_total__gte=0), name="fund_disbursed_not_negative"),
            # balance = contributions − commitments never goes below zero
            models.CheckConstraint(
                condition=Q(committed_total__gte=0, committed_total__lte=F("contributed_total")),
                name="fund_balance_not_negative",
            ),
            models.CheckConstraint(condition=Q(disbursed_total__lte=F("committed_total")), name="fund_pays_only_what_it_committed"),
        ]

    def __str__(self):
        return f"{self.name} ({self.currency})"

    @property
    def balance(self) -> Decimal:
        """What is still free to commit: contributions − commitments."""
        return self.contributed_total - self.committed_total

    @property
    def cash(self) -> Decimal:
        """What the fund still holds: contributions − payments."""
        return self.contributed_total - self.disbursed_total


class Contribution(models.Model):
    """Money received into a fund from a funder of the donor map
    (grants.Funder). `donor` is only a note now: the wording recorded before
    contributions were linked to the donor map (migration 0006), or a
    precision ("via the embassy in Yaoundé")."""

    fund = models.ForeignKey(Fund, verbose_name=_("fonds"), on_delete=models.PROTECT, related_name="contributions")
    funder = models.ForeignKey(
        "grants.Funder", verbose_name=_("bailleur"), on_delete=models.PROTECT, related_name="emergency_contributions"
    )
    donor = models.CharField(_("note sur le donateur"), max_length=200, blank=True)
    amount = models.DecimalField(_("montant"), **MONEY)
    received_on = models.DateField(_("reçu le"))
    reference = models.CharField(_("référence"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("enregistré le"), default=timezone.now)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-received_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="contribution_amount_positive")]

    def __str__(self):
        return f"{self.funder}: {self.amount} {self.fund.currency}"


class Commitment(models.Model):
    """Money set aside for one approved case; released (in part) when the
    case ends with less paid than approved."""

    fund = models.ForeignKey(Fund, verbose_name=_("fonds"), on_delete=models.PROTECT, related_name="commitments")
    case = models.OneToOneField("casework.Case", verbose_name=_("cas"), on_delete=models.PROTECT, related_name="commitment")
    amount = models.DecimalField(_("montant engagé"), **MONEY)
    released = models.DecimalField(_("montant libéré"), default=Decimal("0"), **MONEY)
    decision_reference = models.CharField(_("décision"), max_length=32, blank=True)
    committed_at = models.DateTimeField(_("engagé le"), default=timezone.now)

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="commitment_amount_positive"),
            models.CheckConstraint(condition=Q(released__gte=0, released__lte=F("amount")), name="commitment_released_within_amount"),
        ]

    def __str__(self):
        return f"{self.amount} {self.fund.currency}"


class Disbursement(models.Model):
    """One tranche paid to (or for) a beneficiary."""

    class Status(models.TextChoices):
        AWAITING_CONFIRMATION = "awaiting", _("En attente de confirmation")
        CONFIRMED = "confirmed", _("Confirmé")
        REFUSED = "refused", _("Refusé")

    case = models.ForeignKey("casework.Case", verbose_name=_("cas"), on_delete=models.PROTECT, related_name="disbursements")
    fund = models.ForeignKey(Fund, verbose_name=_("fonds"), on_delete=models.PROTECT, related_name="disbursements")
    amount = models.DecimalField(_("montant"), **MONEY)
    currency = models.CharField(_("devise"), max_length=3, choices=CURRENCIES)
    channel = models.CharField(_("canal"), max_length=30, choices=Channel.choices)
    # The operator's or bank's transaction reference: plain, for reconciliation.
    reference = models.CharField(_("référence de la transaction"), max_length=100, blank=True)
    beneficiary_account = EncryptedTextField(_("coordonnées de paiement du bénéficiaire"))
    proof = models.ForeignKey(
        "casework.CaseDocument", verbose_name=_("preuve"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.UUIDField(_("clé d'unicité du formulaire"), unique=True, editable=False)
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("demandé par"), on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("demandé le"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmé par"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    refusal_reason = models.CharField(_("motif du refus"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("décaissement")
        verbose_name_plural = _("décaissements")
        ordering = ["requested_at", "id"]
        permissions = [("confirm_disbursement", _("Confirmer un décaissement (deuxième personne)"))]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="disbursement_amount_positive"),
            # Four eyes: whoever confirms is not whoever asked.
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("requested_by")),
                name="disbursement_confirmed_by_another_person",
            ),
        ]
        indexes = [models.Index(fields=["status", "requested_at"])]

    def __str__(self):
        return f"{self.case.reference} · {self.amount} {self.currency}"
