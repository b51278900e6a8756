"""Documents and actions a working group submits for the COPIL's validation:
a dossier kind on the approvals engine (prefix DOC).

The group (its members, its lead) writes a document, uploads versions and
submits it; entering COPIL review opens a COPIL ballot whose question names
the audience the adopted text will have (COPIL, members, public). The
decision fires `adopt`, `request_changes` (back to the group, which uploads
a new version and resubmits) or `reject`. The adopted version is published to
that audience; earlier versions and a document it replaces stay readable by
whoever could read them.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from approvals.fsm import system_only
from approvals.models import Dossier
from approvals.storage import PrivateStorage

from .working_groups import WorkingGroup


def _may_edit(document, user) -> bool:
    """A member of the document's working group (its lead included)."""
    return bool(user and user.is_authenticated and (user.is_superuser or document.working_group.is_member(user)))


def _has_version(document) -> bool:
    return document.versions.exists()


_has_version.refusal = _("Déposez d'abord une version du document.")


def _has_new_version(document) -> bool:
    """Resubmitting needs a version uploaded after the changes were asked."""
    return document.versions.filter(uploaded_at__gte=document.state_entered_at).exists()


_has_new_version.refusal = _("Déposez d'abord une nouvelle version qui répond aux modifications demandées.")


class Document(Dossier):
    class Kind(models.TextChoices):
        ACTION_PLAN = "action_plan", _("Plan d'action")
        TERMS_OF_REFERENCE = "terms_of_reference", _("Termes de référence")
        ADVOCACY_PLAN = "advocacy_plan", _("Plan de plaidoyer")
        COMMUNICATION_PLAN = "communication_plan", _("Plan de communication")
        BUDGET = "budget", _("Budget")
        ACTION = "action", _("Action proposée")
        OTHER = "other", _("Autre document")

    class State(models.TextChoices):
        DRAFT = "draft", _("En préparation par le groupe")
        COPIL_REVIEW = "copil_review", _("Soumis au COPIL")
        CHANGES_REQUESTED = "changes_requested", _("Modifications demandées par le COPIL")
        ADOPTED = "adopted", _("Adopté")
        REJECTED = "rejected", _("Non adopté")
        WITHDRAWN = "withdrawn", _("Retiré")

    class Audience(models.TextChoices):
        COPIL = "copil", _("le COPIL")
        MEMBERS = "members", _("les membres du réseau")
        PUBLIC = "public", _("le public")

    state = FSMField(_("état"), default=State.DRAFT, choices=State.choices, protected=True)
    working_group = models.ForeignKey(
        WorkingGroup, verbose_name=_("groupe de travail"), on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(_("type de document"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=200)
    summary = models.TextField(_("résumé"), max_length=4000)
    audience = models.CharField(
        _("publication proposée"), max_length=20, choices=Audience.choices, default=Audience.MEMBERS,
        help_text=_("À qui le document sera publié s'il est adopté ; le scrutin du COPIL le dit."),
    )
    supersedes = models.ForeignKey(
        "self", verbose_name=_("remplace"), null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    # Set by the decision to adopt: the version adopted, to whom it is published.
    adopted_version = models.ForeignKey(
        "DocumentVersion", verbose_name=_("version adoptée"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_audience = models.CharField(_("publié pour"), max_length=20, choices=Audience.choices, blank=True)
    adopted_at = models.DateTimeField(_("adopté le"), null=True, blank=True)
    decision = models.ForeignKey(
        "approvals.Decision", verbose_name=_("décision"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    reference_prefix = "DOC"
    kind_label = _("document de groupe de travail")
    public_labels = {State.COPIL_REVIEW: _("En examen par le COPIL")}
    decision_transitions = {"approve": "adopt", "reject": "reject", "request_changes": "request_changes"}
    generic_transitions = frozenset({"withdraw"})
    # The group and the COPIL write through versions' notes and the submission's
    # comment; a document has no outside applicant to give a status link to.
    applicant_messages = False
    has_applicant = False
    tracked_fields = ("title", "summary", "audience")
    OPEN_STATES = (State.DRAFT, State.CHANGES_REQUESTED)

    class Meta:
        verbose_name = _("document soumis à validation")
        verbose_name_plural = _("documents soumis à validation")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state="adopted", adopted_version__isnull=False, published_audience__in=["copil", "members", "public"])
                | ~models.Q(state="adopted"),
                name="document_adopted_has_version_and_audience",
            ),
        ]

    def get_absolute_url(self):
        return reverse("governance:document", kwargs={"reference": self.reference})

    # --- the engine's hooks

    def tied_user_ids(self) -> set[int]:
        return self.working_group.member_ids() | super().tied_user_ids()

    def applicant_user_ids(self) -> set[int]:
        return self.working_group.member_ids()

    @classmethod
    def applicant_dossiers(cls, user):
        # The group follows its documents on its group page and its home
        # section, not in the applicants' space: that space (and every
        # applicant's page) asks no query of this kind.
        return cls.objects.none()

    def notification_recipients(self, entry) -> set[int]:
        return self.working_group.member_ids()

    def letter_kind(self, decision):
        return "document_adopted" if decision is not None and decision.outcome == "approve" else None

    def letter_context(self, decision) -> dict:
        recipient = self.letter_recipient()
        version = self.adopted_version or self.versions.order_by("-number").first()
        return {
            "recipient_name": str(recipient) if recipient else "",
            "dossier_reference": self.reference,
            "dossier_title": self.title,
            "document_title": self.title,
            "document_kind": str(self.get_kind_display()),
            "working_group": self.working_group.name,
            "audience": str(self.get_published_audience_display() or self.get_audience_display()),
            "version_number": str(version.number) if version else "",
        }

    def letter_recipient(self):
        """The group's lead (else whoever started the document)."""
        return self.working_group.lead or self.owner

    def transitioned(self, entry):
        if entry.to_state == self.State.COPIL_REVIEW:
            from ..services.documents import open_copil_ballot

            open_copil_ballot(self, by=entry.actor)

    # --- transitions (fields only)

    @transition(field=state, source=State.DRAFT, target=State.COPIL_REVIEW, permission=_may_edit, conditions=[_has_version])
    def submit(self, *, by=None, **data):
        pass

    @transition(
        field=state, source=State.CHANGES_REQUESTED, target=State.COPIL_REVIEW, permission=_may_edit,
        conditions=[_has_new_version],
    )
    def resubmit(self, *, by=None, **data):
        pass

    @transition(field=state, source=[State.DRAFT, State.CHANGES_REQUESTED], target=State.WITHDRAWN, permission=_may_edit)
    def withdraw(self, *, by=None, **data):
        pass

    @system_only
    @transition(field=state, source=State.COPIL_REVIEW, target=State.ADOPTED)
    def adopt(self, *, by=None, decision=None, **data):
        self.adopted_version = self.versions.order_by("-number").first()
        self.published_audience = self.audience
        self.adopted_at = timezone.now()
        self.decision = decision

    @system_only
    @transition(field=state, source=State.COPIL_REVIEW, target=State.CHANGES_REQUESTED)
    def request_changes(self, *, by=None, **data):
        pass

    @system_only
    @transition(field=state, source=State.COPIL_REVIEW, target=State.REJECTED)
    def reject(self, *, by=None, **data):
        pass

    # --- reading

    @property
    def is_published(self) -> bool:
        return self.state == self.State.ADOPTED

    def current_version(self):
        return self.versions.order_by("-number").first()


submit_label = _("Soumettre au COPIL")
Document.submit.label = submit_label
Document.resubmit.label = _("Soumettre à nouveau au COPIL")
Document.withdraw.label = _("Retirer le document")


def _version_path(instance, filename):
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"governance/documents/{instance.document.reference}/{uuid.uuid4().hex}{suffix}"


class DocumentVersion(models.Model):
    """One uploaded version of a document, stored privately, served after an access check."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("fichier"), storage=PrivateStorage(), upload_to=_version_path, max_length=300)
    original_name = models.CharField(_("nom d'origine"), max_length=255)
    size = models.PositiveIntegerField(_("taille (octets)"))
    sha256 = models.CharField(max_length=64)
    note = models.TextField(_("ce qui change"), max_length=2000, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("déposée par"), on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("déposée le"), default=timezone.now)

    class Meta:
        verbose_name = _("version d'un document")
        verbose_name_plural = _("versions des documents")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_number_unique")]

    def __str__(self):
        return f"{self.document.reference} v{self.number}"

    def get_absolute_url(self):
        return reverse("governance:version", kwargs={"reference": self.document.reference, "number": self.number})


class DocumentUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Document, on_delete=models.CASCADE)


class DocumentGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Document, on_delete=models.CASCADE)
