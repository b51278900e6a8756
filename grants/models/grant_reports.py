"""After the award: what is spent against the budget, the results against the
logical framework, the reports owed to the donor and the closing.

Amounts are kept as entered (amount, currency) and in the agreement's
currency with the recorded rate that converted them (rate, its date)."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approvals.storage import PrivateStorage

from ..money import currency_choices, validate_currency
from .funders import AMOUNT

RATE = {"max_digits": 20, "decimal_places": 8}


class ExpenseSheet(models.Model):
    """A sheet of expenses: previewed (every wrong cell named), then imported once, all or nothing."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Aperçu")
        IMPORTED = "imported", _("Importée")

    agreement = models.ForeignKey("grants.GrantAgreement", on_delete=models.CASCADE, related_name="expense_sheets")
    filename = models.CharField(_("fichier"), max_length=255)
    content = models.BinaryField(_("contenu"))
    sha256 = models.CharField(max_length=64)
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices, default=Status.PREVIEWED)
    row_count = models.PositiveIntegerField(_("lignes"), default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("par"), on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("déposée le"), default=timezone.now)
    imported_at = models.DateTimeField(_("importée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("feuille de dépenses")
        verbose_name_plural = _("feuilles de dépenses")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return self.filename


class Expense(models.Model):
    """One expense of an organisation against one of its budget lines."""

    agreement = models.ForeignKey("grants.GrantAgreement", on_delete=models.CASCADE, related_name="expenses")
    budget_line = models.ForeignKey(
        "grants.BudgetLine", verbose_name=_("ligne budgétaire"), on_delete=models.PROTECT, related_name="expenses"
    )
    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    spent_on = models.DateField(_("date de la dépense"))
    description = models.CharField(_("libellé"), max_length=300)
    voucher = models.CharField(_("pièce justificative"), max_length=100, blank=True)
    amount = models.DecimalField(_("montant"), **AMOUNT)
    currency = models.CharField(_("devise"), max_length=3, choices=currency_choices, validators=[validate_currency])
    rate = models.DecimalField(_("taux appliqué"), **RATE)
    rate_date = models.DateField(_("date du taux"), null=True, blank=True)
    converted_amount = models.DecimalField(_("montant dans la devise de l'accord"), **AMOUNT)
    sheet = models.ForeignKey(ExpenseSheet, null=True, blank=True, on_delete=models.PROTECT, related_name="expenses")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("saisie par"), on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("saisie le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("dépense")
        verbose_name_plural = _("dépenses")
        ordering = ["spent_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0, converted_amount__gt=0, rate__gt=0), name="grants_expense_positive"),
        ]
        indexes = [models.Index(fields=["agreement", "organisation"], name="grants_expense_agr_org")]

    def __str__(self):
        return self.description


class ReportingPeriod(models.Model):
    """A period the donor wants reported on (results are recorded per period)."""

    agreement = models.ForeignKey("grants.GrantAgreement", on_delete=models.CASCADE, related_name="reporting_periods")
    label = models.CharField(_("intitulé"), max_length=100)
    starts_on = models.DateField(_("du"))
    ends_on = models.DateField(_("au"))

    class Meta:
        verbose_name = _("période de rapport")
        verbose_name_plural = _("périodes de rapport")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="grants_period_ordered"),
            models.UniqueConstraint(fields=["agreement", "label"], name="grants_period_label_once"),
        ]

    def __str__(self):
        return self.label


class IndicatorResult(models.Model):
    """The actual value of a logframe indicator for a period and an organisation,
    entered by that organisation and validated by the lead."""

    agreement = models.ForeignKey("grants.GrantAgreement", on_delete=models.CASCADE, related_name="indicator_results")
    indicator = models.ForeignKey(
        "grants.LogframeItem", verbose_name=_("indicateur"), on_delete=models.PROTECT, related_name="results",
        limit_choices_to={"kind": "indicator"},
    )
    period = models.ForeignKey(ReportingPeriod, verbose_name=_("période"), on_delete=models.PROTECT, related_name="results")
    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.CharField(_("valeur atteinte"), max_length=200)
    comment = models.TextField(_("commentaire"), blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("saisie par"), on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("saisie le"), default=timezone.now)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("validée par"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    validated_at = models.DateTimeField(_("validée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("résultat d'indicateur")
        verbose_name_plural = _("résultats d'indicateurs")
        ordering = ["period__starts_on", "indicator_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period", "organisation"], name="grants_result_once_per_period"),
            models.CheckConstraint(
                condition=Q(validated_at__isnull=True, validated_by__isnull=True)
                | Q(validated_at__isnull=False, validated_by__isnull=False),
                name="grants_result_validation_complete",
            ),
        ]

    def __str__(self):
        return self.value

    @property
    def is_validated(self) -> bool:
        return self.validated_at is not None


class DonorReport(models.Model):
    """A report owed to the donor: scheduled with its due date, generated as a
    draft, edited and uploaded back (every version kept), approved by the
    lead's focal point, then marked submitted. A report for one organisation
    (`organisation`) is that partner's contribution; otherwise it is the
    agreement's, prepared by the lead."""

    class Kind(models.TextChoices):
        NARRATIVE = "narrative", _("Rapport narratif")
        FINANCIAL = "financial", _("Rapport financier")

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Prévu")
        DRAFT = "draft", _("Brouillon")
        APPROVED = "approved", _("Approuvé")
        SUBMITTED = "submitted", _("Remis au bailleur")

    agreement = models.ForeignKey("grants.GrantAgreement", on_delete=models.CASCADE, related_name="donor_reports")
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    is_final = models.BooleanField(_("rapport final"), default=False)
    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("période"), null=True, blank=True, on_delete=models.PROTECT, related_name="reports"
    )
    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("organisation"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("à remettre le"))
    state = models.CharField(_("état"), max_length=12, choices=State.choices, default=State.SCHEDULED)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approuvé par"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("approuvé le"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("remis par"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("remis le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)

    OPEN_STATES = (State.SCHEDULED, State.DRAFT, State.APPROVED)

    class Meta:
        verbose_name = _("rapport au bailleur")
        verbose_name_plural = _("rapports au bailleur")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="submitted") | Q(submitted_at__isnull=False, approved_at__isnull=False),
                name="grants_report_submitted_after_approval",
            ),
        ]
        indexes = [models.Index(fields=["state", "due_on"], name="grants_report_open_due")]

    def __str__(self):
        label = self.get_kind_display()
        if self.is_final:
            label = f"{label} ({_('final')})"
        return f"{label} · {self.period}" if self.period_id else str(label)

    @property
    def is_overdue(self) -> bool:
        return self.state in self.OPEN_STATES and self.due_on < timezone.localdate()


def _version_path(instance, filename):
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"grants/reports/{instance.report.agreement_id}/{uuid.uuid4().hex}{suffix}"


class DonorReportVersion(models.Model):
    """One file of a report: the generated draft or an edited upload. Never replaced."""

    report = models.ForeignKey(DonorReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("fichier"), storage=PrivateStorage(), upload_to=_version_path, max_length=300)
    original_name = models.CharField(_("nom d'origine"), max_length=255)
    size = models.PositiveIntegerField(_("taille (octets)"))
    sha256 = models.CharField(max_length=64)
    generated = models.BooleanField(_("généré par Relais"), default=False)
    language = models.CharField(_("langue"), max_length=8, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("par"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("version d'un rapport")
        verbose_name_plural = _("versions des rapports")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="grants_report_version_once")]

    def __str__(self):
        return f"v{self.number} {self.original_name}"


class AgreementClosing(models.Model):
    """How an agreement ended: the balance left, returned to the donor or
    reallocated by a decision of the COPIL, and who closed it."""

    class Outcome(models.TextChoices):
        NONE = "none", _("Aucun solde")
        RETURNED = "returned", _("Solde restitué au bailleur")
        REALLOCATED = "reallocated", _("Solde réaffecté")

    agreement = models.OneToOneField("grants.GrantAgreement", on_delete=models.CASCADE, related_name="closing")
    balance = models.DecimalField(_("solde"), **AMOUNT)
    currency = models.CharField(_("devise"), max_length=3, choices=currency_choices, validators=[validate_currency])
    outcome = models.CharField(_("sort du solde"), max_length=12, choices=Outcome.choices)
    copil_decision = models.CharField(_("référence de la décision du COPIL"), max_length=100, blank=True)
    note = models.TextField(_("remarques"), blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("clôturé par"), on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(_("clôturé le"), default=timezone.now)

    class Meta:
        verbose_name = _("clôture d'un accord")
        verbose_name_plural = _("clôtures des accords")
        constraints = [
            models.CheckConstraint(condition=Q(balance__gte=0), name="grants_closing_balance_not_negative"),
            models.CheckConstraint(
                condition=Q(outcome="none") | ~Q(copil_decision=""), name="grants_closing_balance_has_decision"
            ),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} ({self.balance} {self.currency})"
