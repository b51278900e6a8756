"""Joint project proposals as dossiers: a lead organisation, partner member
organisations who confirm their part, a budget, a logical framework and
documents."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from approvals.fsm import system_only
from approvals.models import Dossier
from approvals.storage import PrivateStorage

from ..money import currency_choices, validate_currency
from ..permissions import may_edit_proposal, may_handle
from .opportunities import Opportunity, fundraiser_ids
from .proposal_parts import ProposalPartner


class JointProposal(Dossier):
    """concept → drafting → internal review → COPIL validation (ballot) →
    (changes requested → drafting) → ready → submitted to the donor →
    awarded → in implementation → closed; or not funded / abandoned."""

    class State(models.TextChoices):
        CONCEPT = "concept", _("Idée de projet")
        DRAFTING = "drafting", _("En rédaction")
        INTERNAL_REVIEW = "internal_review", _("Revue interne")
        COPIL_VALIDATION = "copil_validation", _("Validation par le COPIL")
        READY = "ready", _("Prête à soumettre")
        SUBMITTED = "submitted", _("Soumise au bailleur")
        AWARDED = "awarded", _("Financée")
        IN_IMPLEMENTATION = "in_implementation", _("En mise en œuvre")
        CLOSED = "closed", _("Clôturée")
        NOT_FUNDED = "not_funded", _("Non financée")
        ABANDONED = "abandoned", _("Abandonnée")

    # Content (partners, budget, logical framework) may change in these states.
    EDITABLE_STATES = (State.CONCEPT, State.DRAFTING)
    # Partners confirm (or confirm again) until the COPIL is asked.
    CONFIRMABLE_STATES = (State.CONCEPT, State.DRAFTING, State.INTERNAL_REVIEW)
    CLOSED_STATES = (State.CLOSED, State.NOT_FUNDED, State.ABANDONED)

    state = FSMField(_("état"), default=State.CONCEPT, choices=State.choices, protected=True)
    title = models.CharField(_("titre du projet"), max_length=300)
    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("appel visé"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    lead_organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("organisation cheffe de file"), on_delete=models.PROTECT, related_name="led_proposals"
    )
    themes = models.ManyToManyField("members.Theme", verbose_name=_("thèmes"), blank=True, related_name="proposals")
    duration_months = models.PositiveSmallIntegerField(_("durée (mois)"), null=True, blank=True)
    summary = models.TextField(_("résumé"), blank=True)
    currency = models.CharField(
        _("devise du budget"), max_length=3, choices=currency_choices, validators=[validate_currency]
    )

    reference_prefix = "PRJ"
    kind_label = _("proposition de projet commun")
    public_labels = {State.INTERNAL_REVIEW: _("En revue"), State.COPIL_VALIDATION: _("En validation")}
    decision_transitions = {"approve": "validate", "request_changes": "request_changes", "reject": "reject"}
    # Bare buttons on the engine's page: each enforces its rules itself
    # (permission, conditions such as confirmed partners and a budget).
    generic_transitions = frozenset({
        "start_drafting", "send_to_review", "return_to_drafting", "send_to_copil", "submit_to_donor", "award",
        "mark_not_funded", "start_implementation", "close", "abandon",
    })

    class Meta:
        verbose_name = _("proposition de projet commun")
        verbose_name_plural = _("propositions de projets communs")
        ordering = ["-created_at"]
        permissions = [
            ("review_jointproposal", "Can review joint proposals internally"),
            ("manage_jointproposal", "Can submit joint proposals and record the donor's answer"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_months__isnull=True) | Q(duration_months__gte=1, duration_months__lte=120),
                name="grants_proposal_duration_range",
            ),
        ]

    def __str__(self):
        return f"{self.reference} · {self.title}" if self.reference else self.title

    def get_absolute_url(self):
        return reverse("grants:proposal", kwargs={"reference": self.reference})

    @property
    def is_editable(self) -> bool:
        return self.state in self.EDITABLE_STATES

    @property
    def country_codes(self) -> list[str]:
        return [row.country for row in self.country_rows.all()]

    def organisation_ids(self) -> set[int]:
        return {self.lead_organisation_id, *self.partners.values_list("organisation_id", flat=True)}

    # --- the applicants' space -----------------------------------------------------------

    @classmethod
    def focal_point_filter(cls, user) -> Q:
        """Proposals the user's organisations lead or partner, read from the
        focal points at query time (a focal point added later sees them too)."""
        from members.models import Organisation

        lead = Organisation.focal_points.through.objects.filter(
            organisation_id=models.OuterRef("lead_organisation_id"), user_id=user.pk
        )
        partner = ProposalPartner.objects.filter(proposal=models.OuterRef("pk"), organisation__focal_points=user)
        return Q(models.Exists(lead)) | Q(models.Exists(partner))

    @classmethod
    def applicant_dossiers(cls, user):
        if not user.is_authenticated or not user.is_active:
            return cls.objects.none()
        awaiting = ProposalPartner.objects.filter(
            proposal=models.OuterRef("pk"), organisation__focal_points=user, confirmed_at__isnull=True,
            proposal__state__in=cls.CONFIRMABLE_STATES,
        )
        return cls.objects.filter(cls.focal_point_filter(user)).annotate(awaiting_my_confirmation=models.Exists(awaiting))

    def expected_of_applicant(self) -> dict | None:
        if getattr(self, "awaiting_my_confirmation", False):
            return {"text": _("Confirmez la participation de votre organisation."), "due": None}
        return None

    def applicant_user_ids(self) -> set[int]:
        """The lead's and the partners' focal points."""
        return self.tied_user_ids()

    def message_recipients_for_applicant(self) -> set[int]:
        """The fundraising group and whoever opened the proposal."""
        return (fundraiser_ids() | ({self.owner_id} if self.owner_id else set())) - self.applicant_user_ids()

    # --- the engine's interface -------------------------------------------------------

    def handles(self, user) -> bool:
        return may_handle(user, self)

    def tied_user_ids(self) -> set[int]:
        """Focal points of the lead and of every partner: recused from its ballots."""
        from django.contrib.auth import get_user_model

        return set(
            get_user_model()
            .objects.filter(organisations__in=self.organisation_ids())
            .values_list("pk", flat=True)
        )

    def notification_recipients(self, entry) -> set[int]:
        return self.tied_user_ids() | fundraiser_ids() | ({self.owner_id} if self.owner_id else set())

    def transitioned(self, entry) -> None:
        from ..services.workflow import proposal_transitioned

        proposal_transitioned(proposal=self, entry=entry)

    def letter_kind(self, decision) -> str | None:
        return {"approve": "proposal_validated", "request_changes": "proposal_changes_requested"}.get(decision.outcome)

    def letter_context(self, decision) -> dict:
        recipient = self.letter_recipient()
        return {
            "recipient_name": str(recipient) if recipient else "",
            "dossier_reference": self.reference,
            "dossier_title": self.title,
            "proposal_title": self.title,
            "lead_organisation": str(self.lead_organisation),
            "partners": [str(p.organisation) for p in self.partners.select_related("organisation").order_by("id")],
        }

    def letter_recipient(self):
        """The lead organisation's first focal point (else whoever opened the dossier)."""
        return self.lead_organisation.focal_points.order_by("pk").first() or self.owner

    # --- conditions -----------------------------------------------------------------------

    def _partners_confirmed(self):
        return not self.partners.filter(confirmed_at__isnull=True).exists()

    _partners_confirmed.refusal = _("Chaque partenaire doit d'abord confirmer sa participation.")

    def _has_budget(self):
        return self.budget_lines.exists()

    _has_budget.refusal = _("Ajoutez au moins une ligne au budget avant de demander la validation du COPIL.")

    # --- transitions ---------------------------------------------------------------------

    @transition(field=state, source=State.CONCEPT, target=State.DRAFTING, permission=may_edit_proposal)
    def start_drafting(self, *, by=None, **data):
        pass

    @transition(field=state, source=State.DRAFTING, target=State.INTERNAL_REVIEW, permission=may_edit_proposal)
    def send_to_review(self, *, by=None, **data):
        pass

    @transition(field=state, source=State.INTERNAL_REVIEW, target=State.DRAFTING, permission="grants.review_jointproposal")
    def return_to_drafting(self, *, by=None, **data):
        pass

    @transition(
        field=state,
        source=State.INTERNAL_REVIEW,
        target=State.COPIL_VALIDATION,
        permission="grants.review_jointproposal",
        conditions=[_partners_confirmed, _has_budget],
    )
    def send_to_copil(self, *, by=None, **data):
        pass

    @system_only
    @transition(field=state, source=State.COPIL_VALIDATION, target=State.READY)
    def validate(self, *, by=None, decision=None, **data):
        pass

    @system_only
    @transition(field=state, source=State.COPIL_VALIDATION, target=State.DRAFTING)
    def request_changes(self, *, by=None, decision=None, **data):
        pass

    @system_only
    @transition(field=state, source=State.COPIL_VALIDATION, target=State.ABANDONED)
    def reject(self, *, by=None, decision=None, **data):
        pass

    @transition(field=state, source=State.READY, target=State.SUBMITTED, permission="grants.manage_jointproposal")
    def submit_to_donor(self, *, by=None, **data):
        pass

    @transition(field=state, source=State.SUBMITTED, target=State.AWARDED, permission="grants.manage_jointproposal")
    def award(self, *, by=None, **data):
        pass

    @transition(field=state, source=State.SUBMITTED, target=State.NOT_FUNDED, permission="grants.manage_jointproposal")
    def mark_not_funded(self, *, by=None, **data):
        pass

    @transition(field=state, source=State.AWARDED, target=State.IN_IMPLEMENTATION, permission="grants.manage_jointproposal")
    def start_implementation(self, *, by=None, **data):
        pass

    @transition(field=state, source=State.IN_IMPLEMENTATION, target=State.CLOSED, permission="grants.manage_jointproposal")
    def close(self, *, by=None, **data):
        pass

    @transition(
        field=state,
        source=[State.CONCEPT, State.DRAFTING, State.INTERNAL_REVIEW, State.COPIL_VALIDATION, State.READY, State.SUBMITTED],
        target=State.ABANDONED,
        permission="grants.manage_jointproposal",
    )
    def abandon(self, *, by=None, **data):
        pass


JointProposal.start_drafting.label = _("Commencer la rédaction")
JointProposal.send_to_review.label = _("Envoyer en revue interne")
JointProposal.return_to_drafting.label = _("Renvoyer en rédaction")
JointProposal.send_to_copil.label = _("Demander la validation du COPIL")
JointProposal.validate.label = _("Valider")
JointProposal.request_changes.label = _("Demander des modifications")
JointProposal.reject.label = _("Rejeter")
JointProposal.submit_to_donor.label = _("Marquer comme soumise au bailleur")
JointProposal.award.label = _("Financement obtenu")
JointProposal.mark_not_funded.label = _("Non financée")
JointProposal.start_implementation.label = _("Commencer la mise en œuvre")
JointProposal.close.label = _("Clôturer le projet")
JointProposal.abandon.label = _("Abandonner")


def _document_path(instance, filename):
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"grants/proposals/{instance.proposal.reference}/{uuid.uuid4().hex}{suffix}"


class ProposalDocument(models.Model):
    """A file of the proposal, stored privately and served after an access check."""

    proposal = models.ForeignKey(JointProposal, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titre"), max_length=200)
    file = models.FileField(_("fichier"), storage=PrivateStorage(), upload_to=_document_path, max_length=300)
    original_name = models.CharField(_("nom d'origine"), max_length=255)
    size = models.PositiveIntegerField(_("taille (octets)"))
    sha256 = models.CharField(max_length=64)
    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("déposé pour"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("déposé par"), on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("déposé le"), default=timezone.now)

    class Meta:
        verbose_name = _("document de la proposition")
        verbose_name_plural = _("documents de la proposition")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return self.title


class JointProposalUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(JointProposal, on_delete=models.CASCADE)


class JointProposalGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(JointProposal, on_delete=models.CASCADE)
