"""The parts of a joint proposal: its countries, partners, budget lines
and logical framework."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import country_choices, country_name

from ..money import currency_choices, validate_currency
from .funders import AMOUNT


class ProposalCountry(models.Model):
    proposal = models.ForeignKey("grants.JointProposal", on_delete=models.CASCADE, related_name="country_rows")
    country = models.CharField(_("pays"), max_length=2, choices=country_choices)

    class Meta:
        verbose_name = _("pays du projet")
        verbose_name_plural = _("pays du projet")
        constraints = [models.UniqueConstraint(fields=["proposal", "country"], name="grants_proposal_country_once")]

    def __str__(self):
        return country_name(self.country)


class ProposalPartner(models.Model):
    """A partner member organisation, its role and budget share; it confirms
    from its own account. Changed by someone else, it must confirm again."""

    proposal = models.ForeignKey("grants.JointProposal", on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("organisation partenaire"), on_delete=models.PROTECT, related_name="proposal_partnerships"
    )
    role = models.CharField(_("rôle dans le projet"), max_length=300)
    budget_share_percent = models.DecimalField(_("part du budget (%)"), max_digits=5, decimal_places=2)
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmé par"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("ajouté le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "organisation"],
                name="grants_partner_once_per_proposal",
                violation_error_message=_("Cette organisation est déjà partenaire de la proposition."),
            ),
            models.CheckConstraint(
                condition=Q(budget_share_percent__gte=0, budget_share_percent__lte=100), name="grants_partner_share_0_100"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True, confirmed_by__isnull=True)
                | Q(confirmed_at__isnull=False, confirmed_by__isnull=False),
                name="grants_partner_confirmation_complete",
            ),
        ]

    def __str__(self):
        return str(self.organisation)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class BudgetLine(models.Model):
    """One line of the budget, held by the lead or a partner, in one currency."""

    class Category(models.TextChoices):
        STAFF = "staff", _("Personnel")
        ACTIVITIES = "activities", _("Activités")
        TRAVEL = "travel", _("Déplacements")
        EQUIPMENT = "equipment", _("Équipement")
        PROTECTION = "protection", _("Protection et sécurité")
        OPERATING = "operating", _("Fonctionnement")
        MONITORING = "monitoring", _("Suivi et évaluation")
        INDIRECT = "indirect", _("Coûts indirects")
        OTHER = "other", _("Autres")

    proposal = models.ForeignKey("grants.JointProposal", on_delete=models.CASCADE, related_name="budget_lines")
    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(_("catégorie"), max_length=20, choices=Category.choices)
    description = models.CharField(_("libellé"), max_length=300)
    amount = models.DecimalField(_("montant"), **AMOUNT)
    currency = models.CharField(_("devise"), max_length=3, choices=currency_choices, validators=[validate_currency])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("ligne budgétaire")
        verbose_name_plural = _("lignes budgétaires")
        ordering = ["category", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="grants_budget_line_not_negative")]

    def __str__(self):
        return self.description


class LogframeItem(models.Model):
    """Objectives, their expected results and the results' indicators."""

    class Kind(models.TextChoices):
        OBJECTIVE = "objective", _("Objectif")
        RESULT = "result", _("Résultat attendu")
        INDICATOR = "indicator", _("Indicateur")

    proposal = models.ForeignKey("grants.JointProposal", on_delete=models.CASCADE, related_name="logframe")
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    text = models.TextField(_("intitulé"))
    target = models.CharField(_("cible"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("élément du cadre logique")
        verbose_name_plural = _("cadre logique")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="objective", parent__isnull=True) | (~Q(kind="objective") & Q(parent__isnull=False)),
                name="grants_logframe_parent_by_kind",
            ),
        ]

    def __str__(self):
        return self.text[:80]
