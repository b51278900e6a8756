"""Funding opportunities (calls for proposals) as dossiers, and the sheets
they are imported from."""

import hashlib
import re
from datetime import timedelta
from datetime import timezone as dt_timezone

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from accounts.roles import Role
from approvals.models import Dossier
from approvals.fsm import system_only
from members.models import country_choices, country_name

from ..money import currency_choices, validate_currency
from ..permissions import may_handle
from ..timezones import validate_time_zone
from .funders import AMOUNT, Funder


def _default_time_zone():
    return settings.TIME_ZONE


def normalise_title(title: str) -> str:
    return re.sub(r"\s+", " ", (title or "").strip()).casefold()


def normalise_link(link: str) -> str:
    link = (link or "").strip()
    if not link:
        return ""
    link = re.sub(r"^https?://", "", link, flags=re.IGNORECASE)
    host, _, rest = link.partition("/")
    return f"{host.lower().removeprefix('www.')}/{rest}".rstrip("/")


def fundraiser_ids() -> set[int]:
    """The active members of the fundraising group: told of every grants dossier."""
    from django.contrib.auth import get_user_model

    return set(
        get_user_model().objects.filter(groups__name=Role.FUNDRAISING_GROUP, is_active=True).values_list("pk", flat=True)
    )


def natural_key_for(funder_id, title, full_proposal_deadline) -> str:
    deadline = full_proposal_deadline.astimezone(dt_timezone.utc).strftime("%Y-%m-%dT%H:%M") if full_proposal_deadline else ""
    raw = f"{funder_id}|{normalise_title(title)}|{deadline}"
    return hashlib.sha256(raw.encode()).hexdigest()


class Opportunity(Dossier):
    """A call for proposals the network may answer.

    spotted → assessing (fit score) → COPIL go / no-go → pursuing → submitted
    → awarded | declined; dropped at any time; expired by the timer when the
    next submission deadline passes before it was submitted.
    """

    class State(models.TextChoices):
        SPOTTED = "spotted", _("Repérée")
        ASSESSING = "assessing", _("En évaluation")
        GO_NO_GO = "go_no_go", _("Décision du COPIL (go / no-go)")
        PURSUING = "pursuing", _("En préparation")
        SUBMITTED = "submitted", _("Soumise au bailleur")
        AWARDED = "awarded", _("Financement obtenu")
        DECLINED = "declined", _("Refusée par le bailleur")
        NO_GO = "no_go", _("Écartée par le COPIL")
        DROPPED = "dropped", _("Abandonnée")
        EXPIRED = "expired", _("Expirée")

    OPEN_STATES = (State.SPOTTED, State.ASSESSING, State.GO_NO_GO, State.PURSUING, State.SUBMITTED)
    # States where the call's fit may be (re)assessed.
    ASSESSABLE_STATES = (State.SPOTTED, State.ASSESSING)
    # States where a passing deadline means the call was missed.
    EXPIRING_STATES = (State.SPOTTED, State.ASSESSING, State.GO_NO_GO, State.PURSUING)

    state = FSMField(_("état"), default=State.SPOTTED, choices=State.choices, protected=True)
    funder = models.ForeignKey(Funder, verbose_name=_("bailleur"), on_delete=models.PROTECT, related_name="opportunities")
    title = models.CharField(_("intitulé de l'appel"), max_length=300)
    link = models.URLField(_("lien"), max_length=500, blank=True)
    themes = models.ManyToManyField("members.Theme", verbose_name=_("thèmes"), blank=True, related_name="opportunities")
    amount_min = models.DecimalField(_("montant minimum"), null=True, blank=True, **AMOUNT)
    amount_max = models.DecimalField(_("montant maximum"), null=True, blank=True, **AMOUNT)
    currency = models.CharField(
        _("devise"), max_length=3, blank=True, choices=currency_choices, validators=[validate_currency]
    )
    concept_note_deadline = models.DateTimeField(_("date limite de la note conceptuelle"), null=True, blank=True)
    full_proposal_deadline = models.DateTimeField(_("date limite de la proposition complète"), null=True, blank=True)
    deadline_timezone = models.CharField(
        _("fuseau horaire des dates limites"), max_length=64, default=_default_time_zone, validators=[validate_time_zone]
    )
    eligibility_notes = models.TextField(_("critères d'éligibilité"), blank=True)
    description = models.TextField(_("description"), blank=True)
    fit_score = models.PositiveSmallIntegerField(_("score d'adéquation"), null=True, blank=True, editable=False)
    link_key = models.CharField(max_length=500, blank=True, editable=False, db_index=True)
    natural_key = models.CharField(max_length=64, editable=False)
    imported_from = models.ForeignKey(
        "grants.OpportunitySheet", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    reference_prefix = "OPP"
    kind_label = _("opportunité de financement")
    reminder_offsets = (timedelta(days=30), timedelta(days=14), timedelta(days=7), timedelta(days=2))
    deadline_transitions = {state: "expire" for state in EXPIRING_STATES}
    decision_transitions = {"approve": "go", "reject": "no_go", "request_changes": "back_to_assessment"}
    # Bare buttons on the engine's page: each enforces its rules itself
    # (permission, conditions such as a fit assessment before the COPIL).
    generic_transitions = frozenset({"start_assessment", "propose_to_copil", "submit", "award", "decline", "drop"})

    class Meta:
        verbose_name = _("opportunité de financement")
        verbose_name_plural = _("opportunités de financement")
        ordering = ["deadline_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["natural_key"],
                name="grants_opportunity_natural_key",
                violation_error_message=_("Cette opportunité existe déjà (même bailleur, même titre, même date limite)."),
            ),
            models.UniqueConstraint(
                fields=["link_key"],
                condition=~Q(link_key=""),
                name="grants_opportunity_unique_link",
                violation_error_message=_("Une opportunité porte déjà ce lien."),
            ),
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True) | Q(amount_min__gte=0), name="grants_opportunity_min_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True) | Q(amount_max__isnull=True) | Q(amount_max__gte=models.F("amount_min")),
                name="grants_opportunity_range_ordered",
            ),
            models.CheckConstraint(
                condition=(Q(amount_min__isnull=True) & Q(amount_max__isnull=True)) | ~Q(currency=""),
                name="grants_opportunity_amount_has_currency",
            ),
            models.CheckConstraint(
                condition=Q(fit_score__isnull=True) | Q(fit_score__lte=100), name="grants_opportunity_fit_range"
            ),
        ]
        permissions = [("import_opportunity", "Can import opportunities from a sheet")]

    def __str__(self):
        return f"{self.reference} · {self.title}" if self.reference else self.title

    def save(self, *args, **kwargs):
        self.refresh_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "link_key", "natural_key"}
        super().save(*args, **kwargs)

    has_applicant = False  # no status link either

    @classmethod
    def applicant_dossiers(cls, user):
        """A call for proposals has no applicant: the network pursues it."""
        return cls.objects.none()

    def get_absolute_url(self):
        return reverse("grants:opportunity", kwargs={"reference": self.reference})

    def refresh_keys(self) -> None:
        """The keys that make the same call recognisable: its link, and its
        funder + title + full-proposal deadline."""
        self.link_key = normalise_link(self.link)
        self.natural_key = natural_key_for(self.funder_id, self.title, self.full_proposal_deadline)

    # --- deadlines ----------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    def next_deadline(self, after):
        """The next submission deadline after `after`: the concept note's, then
        the full proposal's; when both have passed, the last one."""
        deadlines = sorted(d for d in (self.concept_note_deadline, self.full_proposal_deadline) if d)
        if not deadlines:
            return None
        ahead = [d for d in deadlines if d > after]
        return ahead[0] if ahead else deadlines[-1]

    def deadline_for(self, state, entered_at):
        # The engine's timers remind and expire against the call's own deadline.
        if state in self.EXPIRING_STATES:
            return self.next_deadline(entered_at)
        return super().deadline_for(state, entered_at)

    @property
    def country_codes(self) -> list[str]:
        return [row.country for row in self.country_rows.all()]

    # --- the engine's interface -------------------------------------------------------

    def handles(self, user) -> bool:
        return may_handle(user, self)

    def tied_user_ids(self) -> set[int]:
        # Spotting a call ties no one to it: the whole COPIL decides go / no-go.
        return set()

    def notification_recipients(self, entry) -> set[int]:
        return fundraiser_ids() | ({self.owner_id} if self.owner_id else set())

    def timer_recipients(self) -> set[int]:
        return self.notification_recipients(None)

    def transitioned(self, entry) -> None:
        from ..services.workflow import opportunity_transitioned

        opportunity_transitioned(opportunity=self, entry=entry)

    def letter_kind(self, decision) -> str | None:
        return {"approve": "opportunity_go", "reject": "opportunity_no_go"}.get(decision.outcome)

    def letter_context(self, decision) -> dict:
        recipient = self.letter_recipient()
        return {
            "recipient_name": str(recipient) if recipient else "",
            "dossier_reference": self.reference,
            "dossier_title": self.title,
            "opportunity_title": self.title,
            "funder_name": self.funder.name,
        }

    def letter_recipient(self):
        return self.owner

    # --- transitions (fields only; approvals.perform is the one caller) ---------------

    @transition(field=state, source=State.SPOTTED, target=State.ASSESSING, permission="grants.change_opportunity")
    def start_assessment(self, *, by=None, **data):
        pass

    def _fit_assessed(self):
        return self.fit_score is not None

    _fit_assessed.refusal = _("Évaluez d'abord l'adéquation de l'appel (score) avant de le présenter au COPIL.")

    @transition(
        field=state,
        source=State.ASSESSING,
        target=State.GO_NO_GO,
        permission="grants.change_opportunity",
        conditions=[_fit_assessed],
    )
    def propose_to_copil(self, *, by=None, **data):
        pass

    @system_only
    @transition(field=state, source=State.GO_NO_GO, target=State.PURSUING)
    def go(self, *, by=None, decision=None, **data):
        pass

    @system_only
    @transition(field=state, source=State.GO_NO_GO, target=State.NO_GO)
    def no_go(self, *, by=None, decision=None, **data):
        pass

    @system_only
    @transition(field=state, source=State.GO_NO_GO, target=State.ASSESSING)
    def back_to_assessment(self, *, by=None, decision=None, **data):
        pass

    @transition(field=state, source=State.PURSUING, target=State.SUBMITTED, permission="grants.change_opportunity")
    def submit(self, *, by=None, **data):
        pass

    @transition(field=state, source=State.SUBMITTED, target=State.AWARDED, permission="grants.change_opportunity")
    def award(self, *, by=None, **data):
        pass

    @transition(field=state, source=State.SUBMITTED, target=State.DECLINED, permission="grants.change_opportunity")
    def decline(self, *, by=None, **data):
        pass

    @transition(field=state, source=list(OPEN_STATES), target=State.DROPPED, permission="grants.change_opportunity")
    def drop(self, *, by=None, **data):
        pass

    @system_only
    @transition(field=state, source=list(EXPIRING_STATES), target=State.EXPIRED)
    def expire(self, *, by=None, **data):
        pass


Opportunity.start_assessment.label = _("Commencer l'évaluation")
Opportunity.propose_to_copil.label = _("Présenter au COPIL (go / no-go)")
Opportunity.go.label = _("Go")
Opportunity.no_go.label = _("No-go")
Opportunity.back_to_assessment.label = _("Reprendre l'évaluation")
Opportunity.submit.label = _("Marquer comme soumise au bailleur")
Opportunity.award.label = _("Financement obtenu")
Opportunity.decline.label = _("Refusée par le bailleur")
Opportunity.drop.label = _("Abandonner")
Opportunity.expire.label = _("Expirer")


class OpportunityCountry(models.Model):
    """A network country eligible for the call (none listed: no restriction)."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="country_rows")
    country = models.CharField(_("pays"), max_length=2, choices=country_choices)

    class Meta:
        verbose_name = _("pays éligible")
        verbose_name_plural = _("pays éligibles")
        constraints = [models.UniqueConstraint(fields=["opportunity", "country"], name="grants_opportunity_country_once")]

    def __str__(self):
        return country_name(self.country)


class FitAssessment(models.Model):
    """One assessment of how well a call fits the network (0–100, five parts).

    Kept, never overwritten: the latest one sets the opportunity's score.
    `parts` holds, per part, its code, points, maximum and the facts behind it;
    its explanation is worded when shown, in the reader's language.
    """

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="fit_assessments")
    eligibility_met = models.BooleanField(_("l'organisation répond aux critères d'éligibilité"))
    eligibility_note = models.TextField(_("justification de l'éligibilité"), blank=True)
    capacity_rating = models.PositiveSmallIntegerField(_("capacité du réseau (1 à 5)"))
    capacity_note = models.TextField(_("justification de la capacité"), blank=True)
    score = models.PositiveSmallIntegerField(_("score"))
    parts = models.JSONField(_("détail du score"), default=list)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("évalué par"), on_delete=models.PROTECT, related_name="+"
    )
    assessed_at = models.DateTimeField(_("évalué le"), default=timezone.now)

    class Meta:
        verbose_name = _("évaluation d'adéquation")
        verbose_name_plural = _("évaluations d'adéquation")
        ordering = ["-assessed_at", "-id"]
        get_latest_by = "assessed_at"
        constraints = [
            models.CheckConstraint(condition=Q(capacity_rating__gte=1, capacity_rating__lte=5), name="grants_fit_capacity_1_5"),
            models.CheckConstraint(condition=Q(score__lte=100), name="grants_fit_score_0_100"),
        ]

    def __str__(self):
        return f"{self.opportunity_id}: {self.score}/100"


class OpportunitySheet(models.Model):
    """An uploaded sheet of opportunities: previewed, then imported once."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Aperçu")
        IMPORTED = "imported", _("Importée")

    filename = models.CharField(_("fichier"), max_length=255)
    content = models.BinaryField(_("contenu"))
    sha256 = models.CharField(max_length=64, db_index=True)
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices, default=Status.PREVIEWED)
    row_count = models.PositiveIntegerField(_("lignes"), default=0)
    created_count = models.PositiveIntegerField(_("créées"), default=0)
    updated_count = models.PositiveIntegerField(_("mises à jour"), default=0)
    unchanged_count = models.PositiveIntegerField(_("inchangées"), default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("par"), on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("déposée le"), default=timezone.now)
    imported_at = models.DateTimeField(_("importée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("feuille d'opportunités")
        verbose_name_plural = _("feuilles d'opportunités")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return self.filename

    def get_absolute_url(self):
        return reverse("grants:sheet", kwargs={"pk": self.pk})


class OpportunityUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Opportunity, on_delete=models.CASCADE)


class OpportunityGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Opportunity, on_delete=models.CASCADE)
