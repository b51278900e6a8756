"""The emergency-fund case: a dossier of the approvals engine.

Who the beneficiary is, how to reach them, where they are and what
threatens them are encrypted at rest (EncryptedTextField); everything that
is counted or searched (code name, gender, age band, country, profile,
urgency, support, amounts, dates, state) stays plain and identifies no one.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from approvals.models import Dossier
from approvals.fsm import system_only

from ..fields import EncryptedTextField
from .case_rules import ASSESSED, CRITICAL, NOTHING_PENDING, SOMETHING_PAID, PreviousState, may_resume
from .choices import CURRENCIES, AgeBand, Channel, Gender, Profile, RiskLevel, SupportType, Urgency
from .money import MONEY


class Case(Dossier):
    class State(models.TextChoices):
        RECEIVED = "received", _("Reçu")
        VERIFICATION = "verification", _("Vérification")
        COMMITTEE_REVIEW = "committee_review", _("Examen par le comité d'urgence")
        APPROVED = "approved", _("Approuvé")
        REJECTED = "rejected", _("Rejeté")
        REFERRED = "referred", _("Orienté vers un autre fonds")
        DISBURSING = "disbursing", _("Décaissement")
        FOLLOW_UP = "follow_up", _("Suivi")
        CLOSED = "closed", _("Clos")
        ON_HOLD = "on_hold", _("En attente")
        WITHDRAWN = "withdrawn", _("Retiré")

    class Intake(models.TextChoices):
        DIRECT = "direct", _("Demande directe")
        REFERRAL = "referral", _("Orientation par une organisation membre")

    PRE_DECISION = (State.RECEIVED, State.VERIFICATION, State.COMMITTEE_REVIEW)
    OPEN = (*PRE_DECISION, State.APPROVED, State.DISBURSING, State.FOLLOW_UP)
    ENDED = (State.CLOSED, State.REJECTED, State.REFERRED, State.WITHDRAWN)
    DISBURSABLE = (State.APPROVED, State.DISBURSING)

    state = FSMField(_("état"), default=State.RECEIVED, choices=State.choices, protected=True)

    # --- plain: counted and searched; identifies no one -----------------------
    code_name = models.CharField(_("nom de code"), max_length=60, db_index=True)
    intake = models.CharField(_("origine"), max_length=12, choices=Intake.choices, default=Intake.DIRECT)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("orienté par"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("chargé·e de dossier"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    country = models.CharField(_("pays"), max_length=2, choices=settings.RELAIS_COUNTRIES, db_index=True)
    gender = models.CharField(_("genre"), max_length=12, choices=Gender.choices, default=Gender.UNDISCLOSED)
    age_band = models.CharField(_("tranche d'âge"), max_length=10, choices=AgeBand.choices, default=AgeBand.UNKNOWN)
    profile = models.CharField(_("profil"), max_length=20, choices=Profile.choices, default=Profile.OTHER)
    urgency = models.CharField(_("urgence"), max_length=10, choices=Urgency.choices, default=Urgency.STANDARD)
    requested_amount = models.DecimalField(_("montant demandé"), null=True, blank=True, **MONEY)
    currency = models.CharField(_("devise"), max_length=3, choices=CURRENCIES, default="XAF")
    channel = models.CharField(_("canal de paiement souhaité"), max_length=30, choices=Channel.choices, blank=True)
    received_at = models.DateTimeField(_("reçu le"), default=timezone.now)
    # The language the request was made in: the letters for this person use it.
    language = models.CharField(_("langue de la demande"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    intake_key = models.UUIDField(_("clé d'unicité du formulaire"), null=True, blank=True, unique=True, editable=False)

    # --- encrypted at rest: never filter or order on these ----------------------
    legal_name = EncryptedTextField(_("nom à l'état civil"))
    aliases = EncryptedTextField(_("autres noms"))
    phone = EncryptedTextField(_("téléphone"))
    email = EncryptedTextField(_("e-mail"))
    messaging = EncryptedTextField(_("messagerie (Signal, WhatsApp…)"))
    whereabouts = EncryptedTextField(_("lieu où se trouve la personne"))
    threat_narrative = EncryptedTextField(_("récit de la menace"))
    risk_assessment = EncryptedTextField(_("évaluation du risque (récit)"))

    # --- verification ----------------------------------------------------------
    risk_level = models.CharField(_("niveau de risque"), max_length=10, choices=RiskLevel.choices, blank=True)
    assessed_at = models.DateTimeField(_("évalué le"), null=True, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("évalué par"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # --- decision ---------------------------------------------------------------
    proposed_amount = models.DecimalField(_("montant proposé"), null=True, blank=True, **MONEY)
    proposed_fund = models.ForeignKey(
        "casework.Fund", verbose_name=_("fonds proposé"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    fast_tracked = models.BooleanField(_("procédure accélérée"), default=False)
    approved_amount = models.DecimalField(_("montant approuvé"), null=True, blank=True, **MONEY)
    fund = models.ForeignKey(
        "casework.Fund", verbose_name=_("fonds"), null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    decided_at = models.DateTimeField(_("décidé le"), null=True, blank=True)
    decision_reference = models.CharField(_("décision"), max_length=32, blank=True)
    ratified_at = models.DateTimeField(_("ratifié le"), null=True, blank=True)
    ratification_refused_at = models.DateTimeField(_("ratification refusée le"), null=True, blank=True)
    referred_to = models.CharField(_("orienté vers"), max_length=200, blank=True)

    # --- money and after -----------------------------------------------------------
    disbursed_total = models.DecimalField(_("montant versé"), default=Decimal("0"), **MONEY)
    pending_total = models.DecimalField(_("montant en attente de confirmation"), default=Decimal("0"), **MONEY)
    follow_up_started_at = models.DateTimeField(_("suivi commencé le"), null=True, blank=True)
    closed_at = models.DateTimeField(_("clos le"), null=True, blank=True)
    held_from = models.CharField(_("état avant la mise en attente"), max_length=20, blank=True)
    identity_erased_at = models.DateTimeField(_("identité effacée le"), null=True, blank=True)

    reference_prefix = "URG"
    kind_label = _("cas d'urgence")
    sensitive = True
    # The referrer follows the public status only: no messages either way.
    applicant_messages = False
    # Bare buttons on the engine's page. Proposing (an amount and a fund),
    # the fast track and referring elsewhere have their own forms and services.
    generic_transitions = frozenset({"start_verification", "start_follow_up", "close", "hold", "resume", "withdraw"})
    public_labels = {
        State.RECEIVED: _("Demande reçue"),
        State.VERIFICATION: _("En cours de vérification"),
        State.COMMITTEE_REVIEW: _("En cours d'examen"),
        State.APPROVED: _("Soutien accordé"),
        State.DISBURSING: _("Soutien accordé"),
        State.FOLLOW_UP: _("Soutien accordé"),
        State.CLOSED: _("Dossier clos"),
        State.REJECTED: _("Demande non retenue"),
        State.REFERRED: _("Orientée vers un autre soutien"),
        State.ON_HOLD: _("En cours d'examen"),
        State.WITHDRAWN: _("Dossier clos"),
    }
    # The decision clock runs from receipt, whatever the step: see deadline_for().
    urgency_deadlines = {
        Urgency.CRITICAL: timedelta(hours=24),
        Urgency.HIGH: timedelta(hours=72),
        Urgency.STANDARD: timedelta(days=10),
    }
    reminder_offsets = ()
    decision_transitions = {"approve": "approve", "reject": "reject", "request_changes": "request_changes"}
    ratification_transitions = {"approve": "ratify", "reject": "refuse_ratification", "request_changes": "refuse_ratification"}

    class Meta:
        verbose_name = _("cas d'urgence")
        verbose_name_plural = _("cas d'urgence")
        ordering = ["-received_at"]
        permissions = [
            ("view_status_case", _("Voir l'état d'un cas orienté (sans son contenu)")),
            ("assess_case", _("Évaluer le risque d'un cas")),
            ("decide_case", _("Arbitrer un cas (procédure accélérée, orientation, affectation)")),
            ("view_case_statistics", _("Voir les chiffres agrégés du fonds d'urgence")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_amount__isnull=True) | Q(requested_amount__gt=0), name="case_requested_amount_positive"
            ),
            # Approved: up to the amount requested, never more.
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True)
                | Q(requested_amount__isnull=False, approved_amount__gt=0, approved_amount__lte=F("requested_amount")),
                name="case_approved_within_request",
            ),
            # Disbursed (confirmed + awaiting confirmation) ≤ approved; nothing without approval.
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True, disbursed_total=0, pending_total=0)
                | Q(
                    approved_amount__isnull=False,
                    disbursed_total__gte=0,
                    pending_total__gte=0,
                    disbursed_total__lte=F("approved_amount") - F("pending_total"),
                ),
                name="case_disbursed_within_approved",
            ),
        ]
        indexes = [models.Index(fields=["state", "deadline_at"])]

    def __str__(self):
        return self.reference or str(self.kind_label)

    def get_absolute_url(self):
        return reverse("casework:case", kwargs={"reference": self.reference})

    # --- the clock -------------------------------------------------------------------

    @classmethod
    def decision_delay(cls, urgency: str) -> timedelta:
        overrides = getattr(settings, "RELAIS_DEADLINES", {}).get(cls.reference_prefix, {})
        if urgency in overrides:
            return timedelta(hours=float(overrides[urgency]))
        return cls.urgency_deadlines.get(urgency, cls.urgency_deadlines[Urgency.STANDARD])

    def deadline_for(self, state, entered_at):
        """Until a decision, the deadline is the receipt plus the urgency's delay."""
        if state in self.PRE_DECISION:
            return (self.received_at or entered_at) + self.decision_delay(self.urgency)
        return None

    @property
    def remaining_to_disburse(self) -> Decimal:
        if self.approved_amount is None:
            return Decimal("0")
        return self.approved_amount - self.disbursed_total - self.pending_total

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN or self.state == self.State.ON_HOLD

    # --- the engine's interface --------------------------------------------------------

    @classmethod
    def applicant_dossiers(cls, user):
        """Cases the user referred and may follow (status only, through the
        referrer's `view_status` right); never their content."""
        from approvals.access import visible

        from ..selectors import ENCRYPTED_CASE_FIELDS

        if not user.is_authenticated or not user.is_active:
            return cls.objects.none()
        return visible(user, cls.objects.filter(referred_by=user).defer(*ENCRYPTED_CASE_FIELDS), "view_status")

    def applicant_url(self) -> str:
        return reverse("casework:referral", kwargs={"reference": self.reference})

    def applicant_user_ids(self) -> set[int]:
        return {self.referred_by_id} if self.referred_by_id else set()

    def message_recipients_for_applicant(self) -> set[int]:
        """The case officer and the committee's chair; no one else hears of it."""
        return set(self.timer_recipients()) - self.applicant_user_ids()

    def tied_user_ids(self) -> set[int]:
        return {self.referred_by_id} if self.referred_by_id else set()

    def notification_recipients(self, entry) -> set[int]:
        recipients = set()
        if self.referred_by_id:
            recipients.add(self.referred_by_id)
        if self.officer_id:
            recipients.add(self.officer_id)
        return recipients

    def notification_url(self, recipient_id: int) -> str:
        """The referrer follows the case on its status page; the case page is
        for the committee and the officer."""
        if recipient_id == self.referred_by_id and recipient_id != self.officer_id:
            return reverse("casework:referral", kwargs={"reference": self.reference})
        return self.get_absolute_url()

    def timer_recipients(self) -> set[int]:
        from ..services.committee import emergency_committee

        recipients = {self.officer_id} if self.officer_id else set()
        chair_id = emergency_committee().chair_id
        if chair_id:
            recipients.add(chair_id)
        return recipients

    def handles(self, user) -> bool:
        from approvals.access import can

        return can(user, "view", self)

    def transitioned(self, entry) -> None:
        from ..services.workflow import case_transitioned

        case_transitioned(self, entry)

    def viewed(self, request, part: str) -> None:
        from ..services.access_log import access_log_record

        access_log_record(user=request.user, case=self, part=part, request=request)

    def letter_kind(self, decision) -> str | None:
        ballot = decision.ballot
        if ballot is not None and ballot.decision_transitions.get("approve") == "ratify":
            return None  # a ratification confirms the letter already sent
        return {"approve": "emergency_granted", "reject": "emergency_declined"}.get(decision.outcome)

    def letter_context(self, decision) -> dict:
        """Plain data, and never the beneficiary's identity: the code name only."""
        return {
            "recipient_name": self.code_name,
            "dossier_reference": self.reference,
            "dossier_title": str(_("Demande de soutien d'urgence %(code)s") % {"code": self.code_name}),
            "beneficiary_code": self.code_name,
            "country": str(self.get_country_display()),
            "support_types": [str(SupportType(kind).label) for kind in self.support_type_codes()],
        }

    def letter_language(self) -> str:
        """Letters are handed over to the defender: in the request's language."""
        return self.language

    def letter_recipient(self):
        """The letter goes to whoever will hand it over: the referring focal
        point, else the case officer, else the committee's chair."""
        from ..services.committee import emergency_committee

        return self.referred_by or self.officer or emergency_committee().chair

    def support_type_codes(self) -> list[str]:
        return sorted(self.support_types.values_list("kind", flat=True))

    # --- transitions (fields only; approvals.perform() is the only caller) --------------

    @transition(field=state, source=State.RECEIVED, target=State.VERIFICATION, permission="casework.change_case")
    def start_verification(self, *, by=None, **data):
        pass

    @transition(
        field=state, source=State.VERIFICATION, target=State.COMMITTEE_REVIEW, permission="casework.change_case", conditions=[ASSESSED]
    )
    def send_to_committee(self, *, by=None, proposed_amount=None, fund=None, **data):
        self._propose(proposed_amount, fund)

    @transition(
        field=state,
        source=[State.RECEIVED, State.VERIFICATION, State.COMMITTEE_REVIEW],
        target=State.COMMITTEE_REVIEW,
        permission="casework.decide_case",
        conditions=[CRITICAL],
    )
    def fast_track(self, *, by=None, proposed_amount=None, fund=None, **data):
        self._propose(proposed_amount, fund)
        self.fast_tracked = True

    @transition(field=state, source=State.COMMITTEE_REVIEW, target=State.COMMITTEE_REVIEW, permission="casework.decide_case")
    def revise_proposal(self, *, by=None, proposed_amount=None, fund=None, **data):
        """A new amount or fund (e.g. the first fund could not cover it): a new
        ballot replaces the open one."""
        self._propose(proposed_amount, fund)

    def _propose(self, amount, fund):
        from approvals.fsm import TransitionRefused

        if amount is None or fund is None:
            raise TransitionRefused(_("Indiquez le montant proposé et le fonds sur lequel l'engager."), status=400)
        if fund.currency != self.currency:
            raise TransitionRefused(_("Le fonds doit être dans la devise de la demande (%(currency)s).") % {"currency": self.currency}, status=400)
        if amount <= 0 or (self.requested_amount is not None and amount > self.requested_amount):
            raise TransitionRefused(_("Le montant proposé doit être positif et ne pas dépasser le montant demandé."), status=400)
        if self.requested_amount is None:
            self.requested_amount = amount
        self.proposed_amount = amount
        self.proposed_fund = fund

    @system_only
    @transition(field=state, source=State.COMMITTEE_REVIEW, target=State.APPROVED)
    def approve(self, *, by=None, decision=None, **data):
        self.approved_amount = decision.amount if decision is not None and decision.amount else self.proposed_amount
        self.fund = self.proposed_fund
        self.decided_at = timezone.now()
        self.decision_reference = decision.reference if decision is not None else ""

    @system_only
    @transition(field=state, source=State.COMMITTEE_REVIEW, target=State.REJECTED)
    def reject(self, *, by=None, decision=None, **data):
        self.decided_at = timezone.now()
        self.decision_reference = decision.reference if decision is not None else ""

    @system_only
    @transition(field=state, source=State.COMMITTEE_REVIEW, target=State.VERIFICATION)
    def request_changes(self, *, by=None, **data):
        self.fast_tracked = False

    @transition(
        field=state, source=[State.VERIFICATION, State.COMMITTEE_REVIEW], target=State.REFERRED, permission="casework.decide_case"
    )
    def refer_elsewhere(self, *, by=None, referred_to="", **data):
        from approvals.fsm import TransitionRefused

        if not (referred_to or "").strip():
            raise TransitionRefused(_("Indiquez vers quel fonds ou quel partenaire le cas est orienté."), status=400)
        self.referred_to = referred_to.strip()[:200]

    @system_only
    @transition(field=state, source=[State.APPROVED, State.DISBURSING, State.FOLLOW_UP, State.CLOSED, State.ON_HOLD], target=None)
    def ratify(self, *, by=None, decision=None, **data):
        self.ratified_at = timezone.now()

    @system_only
    @transition(field=state, source=[State.APPROVED, State.DISBURSING, State.FOLLOW_UP], target=State.ON_HOLD)
    def refuse_ratification(self, *, by=None, decision=None, **data):
        self.ratification_refused_at = timezone.now()
        self.held_from = self.state

    @system_only
    @transition(field=state, source=State.APPROVED, target=State.DISBURSING)
    def start_disbursing(self, *, by=None, **data):
        pass

    @transition(
        field=state,
        source=State.DISBURSING,
        target=State.FOLLOW_UP,
        permission="casework.change_case",
        conditions=[NOTHING_PENDING, SOMETHING_PAID],
    )
    def start_follow_up(self, *, by=None, **data):
        self.follow_up_started_at = timezone.now()

    @transition(field=state, source=State.FOLLOW_UP, target=State.CLOSED, permission="casework.change_case", conditions=[NOTHING_PENDING])
    def close(self, *, by=None, **data):
        self.closed_at = timezone.now()

    @transition(field=state, source=list(OPEN), target=State.ON_HOLD, permission="casework.change_case")
    def hold(self, *, by=None, **data):
        self.held_from = self.state

    @transition(field=state, source=State.ON_HOLD, target=PreviousState(*OPEN), permission=may_resume)
    def resume(self, *, by=None, **data):
        previous = self.held_from or self.State.RECEIVED
        self.held_from = ""
        return previous

    @transition(
        field=state, source=[*OPEN, State.ON_HOLD], target=State.WITHDRAWN, permission="casework.change_case", conditions=[NOTHING_PENDING]
    )
    def withdraw(self, *, by=None, **data):
        self.closed_at = timezone.now()

    # Labels of the buttons (approvals.transition_label reads `label`).
    start_verification.label = _("commencer la vérification")
    send_to_committee.label = _("soumettre au comité d'urgence")
    fast_track.label = _("décider seul·e (procédure accélérée)")
    revise_proposal.label = _("réviser la proposition")
    refer_elsewhere.label = _("orienter vers un autre fonds")
    start_follow_up.label = _("terminer les décaissements et passer au suivi")
    close.label = _("clore le cas")
    hold.label = _("mettre en attente")
    resume.label = _("reprendre")
    withdraw.label = _("retirer le cas")
