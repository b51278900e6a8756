"""The grant agreement of an awarded proposal, and its money: tranches the
funder pays in, transfers the lead sends on to each partner against its share.

Invariants held by the database as well as by the services (which lock the
agreement row, then the share row, always in that order):
- the lead never transfers more than it received and has not yet transferred
  (pending and confirmed transfers both hold their amount);
- a partner never receives more than its share;
- the same transfer form is never recorded twice (unique idempotency key);
- whoever recorded a transfer never confirms it (four eyes).
All running totals are in the agreement's currency.
"""

import uuid
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approvals.storage import PrivateStorage

from ..money import currency_choices, validate_currency
from .funders import AMOUNT

ZERO = Decimal("0")
RATE = {"max_digits": 20, "decimal_places": 8}


def _agreement_path(instance, filename):
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"grants/agreements/{instance.proposal_id}/{uuid.uuid4().hex}{suffix}"


def _transfer_path(instance, filename):
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"grants/transfers/{instance.agreement_id}/{uuid.uuid4().hex}{suffix}"


class GrantAgreement(models.Model):
    """Created when a proposal is awarded; completed by the fundraising group
    or the lead's focal points (funder, amount, period, signed document)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("À compléter")
        ACTIVE = "active", _("En cours")
        CLOSED = "closed", _("Clôturé")

    proposal = models.OneToOneField(
        "grants.JointProposal", verbose_name=_("proposition"), on_delete=models.PROTECT, related_name="agreement"
    )
    state = models.CharField(_("état"), max_length=12, choices=State.choices, default=State.DRAFT)
    funder = models.ForeignKey(
        "grants.Funder", verbose_name=_("bailleur"), null=True, blank=True, on_delete=models.PROTECT, related_name="agreements"
    )
    funder_contact = models.ForeignKey(
        "grants.FunderContact", verbose_name=_("contact chez le bailleur"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="agreements",
    )
    funder_reference = models.CharField(_("référence chez le bailleur"), max_length=100, blank=True)
    amount = models.DecimalField(_("montant accordé"), default=ZERO, **AMOUNT)
    currency = models.CharField(_("devise"), max_length=3, choices=currency_choices, validators=[validate_currency])
    starts_on = models.DateField(_("début de la période"), null=True, blank=True)
    ends_on = models.DateField(_("fin de la période"), null=True, blank=True)
    signed_on = models.DateField(_("signé le"), null=True, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    signed_document = models.FileField(
        _("accord signé"), storage=PrivateStorage(), upload_to=_agreement_path, max_length=300, blank=True
    )
    signed_document_name = models.CharField(_("nom d'origine"), max_length=255, blank=True)
    signed_document_sha256 = models.CharField(max_length=64, blank=True)
    # Running totals, in the agreement's currency, kept in step by the services under a row lock.
    expected_total = models.DecimalField(_("tranches attendues"), default=ZERO, **AMOUNT)
    received_total = models.DecimalField(_("tranches reçues"), default=ZERO, **AMOUNT)
    pending_transfer_total = models.DecimalField(_("transferts en attente de confirmation"), default=ZERO, **AMOUNT)
    transferred_total = models.DecimalField(_("transferts confirmés"), default=ZERO, **AMOUNT)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("modifié par"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("accord de financement")
        verbose_name_plural = _("accords de financement")
        ordering = ["-created_at", "-id"]
        permissions = [("confirm_partnertransfer", "Can confirm a transfer to a partner (second person)")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="grants_agreement_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="grants_agreement_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(expected_total__gte=0, received_total__gte=0, pending_transfer_total__gte=0, transferred_total__gte=0),
                name="grants_agreement_totals_not_negative",
            ),
            # What went (or is about to go) to partners never exceeds what came in.
            models.CheckConstraint(
                condition=Q(transferred_total__lte=F("received_total") - F("pending_transfer_total")),
                name="grants_agreement_transfers_within_received",
            ),
        ]

    def __str__(self):
        return str(self.proposal)

    def get_absolute_url(self):
        return reverse("grants:agreement", kwargs={"pk": self.pk})

    @property
    def available(self) -> Decimal:
        """Received and not yet transferred (nor held by a pending transfer)."""
        return self.received_total - self.transferred_total - self.pending_transfer_total

    @property
    def outstanding(self) -> Decimal:
        """The part of the grant the funder has not paid yet."""
        return max(self.amount - self.received_total, ZERO)


class PartnerShare(models.Model):
    """What the lead passes on to one partner organisation, in the agreement's currency."""

    agreement = models.ForeignKey(GrantAgreement, verbose_name=_("accord"), on_delete=models.CASCADE, related_name="shares")
    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("organisation partenaire"), on_delete=models.PROTECT, related_name="grant_shares"
    )
    percent = models.DecimalField(_("part (%)"), max_digits=5, decimal_places=2, default=ZERO)
    amount = models.DecimalField(_("montant de la part"), default=ZERO, **AMOUNT)
    pending_transfer_total = models.DecimalField(_("transferts en attente de confirmation"), default=ZERO, **AMOUNT)
    transferred_total = models.DecimalField(_("transferts confirmés"), default=ZERO, **AMOUNT)

    class Meta:
        verbose_name = _("part d'un partenaire")
        verbose_name_plural = _("parts des partenaires")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "organisation"], name="grants_share_once_per_agreement"),
            models.CheckConstraint(condition=Q(percent__gte=0, percent__lte=100), name="grants_share_percent_0_100"),
            models.CheckConstraint(
                condition=Q(amount__gte=0, pending_transfer_total__gte=0, transferred_total__gte=0),
                name="grants_share_totals_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(transferred_total__lte=F("amount") - F("pending_transfer_total")),
                name="grants_share_transfers_within_share",
            ),
        ]

    def __str__(self):
        return str(self.organisation)

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.transferred_total - self.pending_transfer_total


class FunderTranche(models.Model):
    """A payment from the funder: expected (date, amount), then received (date,
    amount and currency as paid, the rate to the agreement's currency when it
    differs, and the amount that rate gives)."""

    class State(models.TextChoices):
        EXPECTED = "expected", _("Attendue")
        RECEIVED = "received", _("Reçue")

    agreement = models.ForeignKey(GrantAgreement, verbose_name=_("accord"), on_delete=models.CASCADE, related_name="tranches")
    state = models.CharField(_("état"), max_length=12, choices=State.choices, default=State.EXPECTED)
    label = models.CharField(_("libellé"), max_length=200, blank=True)
    expected_on = models.DateField(_("attendue le"), null=True, blank=True)
    expected_amount = models.DecimalField(_("montant attendu"), null=True, blank=True, **AMOUNT)
    received_on = models.DateField(_("reçue le"), null=True, blank=True)
    amount = models.DecimalField(_("montant reçu"), null=True, blank=True, **AMOUNT)
    currency = models.CharField(
        _("devise du versement"), max_length=3, blank=True, choices=currency_choices, validators=[validate_currency]
    )
    rate = models.DecimalField(_("taux vers la devise de l'accord"), null=True, blank=True, **RATE)
    rate_source = models.CharField(_("source du taux"), max_length=200, blank=True)
    converted_amount = models.DecimalField(_("montant dans la devise de l'accord"), null=True, blank=True, **AMOUNT)
    reference = models.CharField(_("référence du virement"), max_length=100, blank=True)
    idempotency_key = models.UUIDField(_("clé d'unicité du formulaire"), null=True, blank=True, unique=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("noté par"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("noté le"), default=timezone.now, editable=False)
    received_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("réception notée par"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("tranche du bailleur")
        verbose_name_plural = _("tranches du bailleur")
        ordering = ["expected_on", "received_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expected_amount__isnull=True) | Q(expected_amount__gt=0), name="grants_tranche_expected_positive"
            ),
            models.CheckConstraint(
                condition=Q(state="expected", received_on__isnull=True, amount__isnull=True, converted_amount__isnull=True)
                | Q(state="received", received_on__isnull=False, amount__gt=0, converted_amount__gt=0) & ~Q(currency=""),
                name="grants_tranche_received_complete",
            ),
            models.CheckConstraint(condition=Q(rate__isnull=True) | Q(rate__gt=0), name="grants_tranche_rate_positive"),
            models.CheckConstraint(
                condition=Q(state="received") | Q(expected_amount__isnull=False), name="grants_tranche_expected_has_amount"
            ),
        ]

    def __str__(self):
        return self.label or str(self.expected_on or self.received_on or "")


class PartnerTransfer(models.Model):
    """Money sent by the lead to one partner against its share. Above the
    threshold (settings.RELAIS_GRANT_TRANSFER_CONFIRM_ABOVE) it awaits a
    second person's confirmation; its amount is held meanwhile."""

    class State(models.TextChoices):
        AWAITING_CONFIRMATION = "awaiting", _("En attente de confirmation")
        CONFIRMED = "confirmed", _("Confirmé")
        REFUSED = "refused", _("Refusé")

    agreement = models.ForeignKey(GrantAgreement, verbose_name=_("accord"), on_delete=models.PROTECT, related_name="transfers")
    share = models.ForeignKey(PartnerShare, verbose_name=_("part"), on_delete=models.PROTECT, related_name="transfers")
    amount = models.DecimalField(_("montant"), **AMOUNT)
    currency = models.CharField(_("devise"), max_length=3, choices=currency_choices, validators=[validate_currency])
    sent_on = models.DateField(_("envoyé le"))
    reference = models.CharField(_("référence du virement"), max_length=100, blank=True)
    proof = models.FileField(_("preuve"), storage=PrivateStorage(), upload_to=_transfer_path, max_length=300, blank=True)
    proof_name = models.CharField(_("nom d'origine"), max_length=255, blank=True)
    proof_sha256 = models.CharField(max_length=64, blank=True)
    state = models.CharField(_("état"), max_length=12, choices=State.choices)
    idempotency_key = models.UUIDField(_("clé d'unicité du formulaire"), unique=True, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("noté par"), on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("noté le"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmé par"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    refusal_reason = models.CharField(_("motif du refus"), max_length=300, blank=True)
    # The partner acknowledges receipt from its own account.
    receipt_acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("réception confirmée par"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    receipt_acknowledged_at = models.DateTimeField(_("réception confirmée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("transfert à un partenaire")
        verbose_name_plural = _("transferts aux partenaires")
        ordering = ["requested_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="grants_transfer_amount_positive"),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("requested_by")),
                name="grants_transfer_confirmed_by_another_person",
            ),
        ]
        indexes = [models.Index(fields=["agreement", "state"])]

    def __str__(self):
        return f"{self.share} · {self.amount} {self.currency}"
