"""The network's directory (organisations) and what it is made of.

`Organisation` is the directory entry and a dossier (prefix ORG): its member
lifecycle (active ⇄ suspended → withdrawn | excluded) runs through
`approvals.services.perform`, each step decided by a COPIL ballot, so every
change is on the organisation's timeline.

Other apps rely on: `Organisation` (name, acronym, country, status,
focal_points → user.organisations), `Theme` and `TargetGroup`.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from approvals.models import Dossier
from approvals.fsm import system_only

from .storage import PrivateStorage


def country_choices():
    return list(settings.RELAIS_COUNTRIES)


def country_name(code: str) -> str:
    return str(dict(settings.RELAIS_COUNTRIES).get(code, code))


class _Vocabulary(models.Model):
    """A short controlled list (themes, target groups), named in French and English."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("nom (français)"), max_length=120)
    name_en = models.CharField(_("nom (anglais)"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language (French when no English name)."""
        if (translation.get_language() or "fr").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class Theme(_Vocabulary):
    """A thematic domain (civic space, women's rights, …): of members,
    funders and opportunities."""

    class Meta(_Vocabulary.Meta):
        verbose_name = _("domaine thématique")
        verbose_name_plural = _("domaines thématiques")


class TargetGroup(_Vocabulary):
    """A group of people an organisation works with (women, children, …)."""

    class Meta(_Vocabulary.Meta):
        verbose_name = _("groupe cible")
        verbose_name_plural = _("groupes cibles")


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(state=Organisation.State.ACTIVE)

    def in_network(self):
        """Members in good standing or suspended (not withdrawn, not excluded)."""
        return self.filter(state__in=[Organisation.State.ACTIVE, Organisation.State.SUSPENDED])


class Organisation(Dossier):
    """A member organisation: the directory entry.

    `status` mirrors the FSM `state` (a read-only column computed by the
    database), so both `organisation.status` and `filter(status=...)` work.
    """

    class State(models.TextChoices):
        ACTIVE = "active", _("Membre actif")
        SUSPENDED = "suspended", _("Suspendu")
        WITHDRAWN = "withdrawn", _("Retiré")
        EXCLUDED = "excluded", _("Exclu")

    Status = State

    state = FSMField(_("statut"), default=State.ACTIVE, choices=State.choices, protected=True)
    status = models.GeneratedField(
        expression=models.F("state"),
        output_field=models.CharField(max_length=50, choices=State.choices),
        db_persist=True,
        verbose_name=_("statut"),
    )

    name = models.CharField(_("nom légal"), max_length=200)
    acronym = models.CharField(_("sigle"), max_length=40, blank=True)
    country = models.CharField(_("pays"), max_length=2, choices=country_choices)
    province = models.CharField(_("province ou région"), max_length=120, blank=True)
    city = models.CharField(_("ville"), max_length=120, blank=True)
    year_founded = models.PositiveSmallIntegerField(_("année de création"), null=True, blank=True)
    description = models.TextField(_("présentation"), blank=True)
    website = models.URLField(_("site web"), blank=True)

    registration_number = models.CharField(_("numéro du récépissé"), max_length=80, blank=True)
    registration_date = models.DateField(_("date du récépissé"), null=True, blank=True)
    registration_authority = models.CharField(_("autorité de délivrance"), max_length=200, blank=True)
    no_registration_reason = models.TextField(_("raison de l'absence de récépissé"), blank=True)

    domains = models.ManyToManyField(Theme, verbose_name=_("domaines thématiques"), blank=True, related_name="organisations")
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("groupes cibles"), blank=True, related_name="organisations"
    )
    areas_of_intervention = models.TextField(_("zones d'intervention"), blank=True)

    legal_representative = models.CharField(_("représentant légal"), max_length=200, blank=True)
    contact_person = models.CharField(_("point focal (nom)"), max_length=200, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    messaging = models.CharField(_("messagerie (WhatsApp, Signal…)"), max_length=80, blank=True)
    address = models.TextField(_("adresse"), blank=True)

    joined_on = models.DateField(_("membre depuis"), null=True, blank=True)
    focal_points = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("points focaux"),
        related_name="organisations",
        blank=True,
        help_text=_("Les personnes qui agissent pour l'organisation dans Relais."),
    )

    objects = OrganisationQuerySet.as_manager()

    reference_prefix = "ORG"
    kind_label = _("organisation membre")
    decision_transitions = {}  # each lifecycle ballot says which transition it decides

    class Meta:
        verbose_name = _("organisation membre")
        verbose_name_plural = _("organisations membres")
        ordering = ["country", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "registration_number"],
                condition=~Q(registration_number=""),
                name="members_org_unique_registration_per_country",
                violation_error_message=_("Une organisation de ce pays porte déjà ce numéro de récépissé."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=["active", "suspended", "withdrawn", "excluded"]),
                name="members_org_state_valid",
            ),
        ]
        permissions = [("manage_directory", "Can propose lifecycle changes of member organisations")]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("members:organisation", kwargs={"pk": self.pk})

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @property
    def display_name(self) -> str:
        return str(self)

    # --- the engine's interface -------------------------------------------------

    @classmethod
    def applicant_dossiers(cls, user):
        """A directory entry is not an application: nothing to follow in the applicants' space."""
        return cls.objects.none()

    def tied_user_ids(self) -> set[int]:
        return set(self.focal_points.values_list("pk", flat=True))

    def notification_recipients(self, entry) -> set[int]:
        return self.tied_user_ids()

    def transitioned(self, entry) -> None:
        # The database computed `status`; keep the in-memory copy in step.
        self.__dict__["status"] = self.state
        from . import services

        services.organisation_transitioned(organisation=self, entry=entry)

    # --- lifecycle: each fired by a COPIL decision (or an approved application) ---

    @system_only
    @transition(field=state, source=State.ACTIVE, target=State.SUSPENDED)
    def suspend(self, *, by=None, decision=None, **data):
        pass

    @system_only
    @transition(field=state, source=State.SUSPENDED, target=State.ACTIVE)
    def reinstate(self, *, by=None, decision=None, **data):
        pass

    @system_only
    @transition(field=state, source=[State.ACTIVE, State.SUSPENDED], target=State.WITHDRAWN)
    def withdraw(self, *, by=None, decision=None, **data):
        pass

    @system_only
    @transition(field=state, source=[State.ACTIVE, State.SUSPENDED], target=State.EXCLUDED)
    def exclude(self, *, by=None, decision=None, **data):
        pass

    @system_only
    @transition(field=state, source=[State.WITHDRAWN, State.EXCLUDED, State.SUSPENDED], target=State.ACTIVE)
    def reactivate(self, *, by=None, decision=None, **data):
        """A new membership application was approved for a former member."""


Organisation.suspend.label = _("Suspendre")
Organisation.reinstate.label = _("Réintégrer")
Organisation.withdraw.label = _("Constater le retrait")
Organisation.exclude.label = _("Exclure")
Organisation.reactivate.label = _("Réactiver")


class OrganisationUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Organisation, on_delete=models.CASCADE)


class OrganisationGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Organisation, on_delete=models.CASCADE)


# --- Membership applications ---------------------------------------------------------


def _is_applicant(instance, user) -> bool:
    """The applicant's own people (object-level right), not reviewers (role-level)."""
    from approvals.access import holds_on_object

    return holds_on_object(user, "members.change_membershipapplication", instance)


def _complete(instance) -> bool:
    return instance.is_complete()


_complete.refusal = _("La demande est incomplète : complétez les champs signalés avant de la soumettre.")


def _items_or_refuse(items) -> list[str]:
    from approvals.fsm import TransitionRefused

    if isinstance(items, str):
        items = items.splitlines()
    cleaned = [str(item).strip() for item in (items or []) if str(item).strip()]
    if not cleaned:
        raise TransitionRefused(_("Indiquez au moins une information à demander (une par ligne)."), status=400)
    return cleaned


def _membership_group_ids() -> set[int]:
    from django.contrib.auth import get_user_model

    return set(
        get_user_model()
        .objects.filter(groups__name="membership_group", is_active=True)
        .values_list("pk", flat=True)
    )


class MembershipApplication(Dossier):
    """An organisation's request to join the network (ADH-2026-0007).

    Its data mirror the directory entry it will create (or reactivate) once
    the COPIL approves it.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        SUBMITTED = "submitted", _("Soumise")
        SCREENING = "screening", _("Examen par le groupe Adhésion")
        INFORMATION_REQUESTED = "information_requested", _("Informations demandées")
        COPIL_REVIEW = "copil_review", _("Examen par le COPIL")
        APPROVED = "approved", _("Approuvée")
        REJECTED = "rejected", _("Rejetée")
        WITHDRAWN = "withdrawn", _("Retirée")

    class Recommendation(models.TextChoices):
        FAVOURABLE = "favourable", _("Favorable")
        UNFAVOURABLE = "unfavourable", _("Défavorable")

    OPEN_STATES = (State.SUBMITTED, State.SCREENING, State.INFORMATION_REQUESTED, State.COPIL_REVIEW)

    state = FSMField(_("état"), default=State.DRAFT, choices=State.choices, protected=True)

    name = models.CharField(_("nom légal de l'organisation"), max_length=200)
    acronym = models.CharField(_("sigle"), max_length=40, blank=True)
    country = models.CharField(_("pays"), max_length=2, choices=country_choices)
    province = models.CharField(_("province ou région"), max_length=120, blank=True)
    city = models.CharField(_("ville"), max_length=120, blank=True)
    year_founded = models.PositiveSmallIntegerField(_("année de création"), null=True, blank=True)
    description = models.TextField(_("présentation de l'organisation"), blank=True)
    website = models.URLField(_("site web"), blank=True)

    registration_number = models.CharField(_("numéro du récépissé"), max_length=80, blank=True)
    registration_date = models.DateField(_("date du récépissé"), null=True, blank=True)
    registration_authority = models.CharField(_("autorité de délivrance"), max_length=200, blank=True)
    no_registration_reason = models.TextField(_("raison de l'absence de récépissé"), blank=True)

    domains = models.ManyToManyField(Theme, verbose_name=_("domaines thématiques"), blank=True, related_name="+")
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("groupes cibles"), blank=True, related_name="+")
    areas_of_intervention = models.TextField(_("zones d'intervention"), blank=True)

    legal_representative = models.CharField(_("représentant légal"), max_length=200, blank=True)
    contact_person = models.CharField(_("point focal (nom)"), max_length=200, blank=True)
    email = models.EmailField(_("courriel de l'organisation"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    messaging = models.CharField(_("messagerie (WhatsApp, Signal…)"), max_length=80, blank=True)
    address = models.TextField(_("adresse"), blank=True)

    charter_accepted_at = models.DateTimeField(_("charte acceptée le"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("soumise le"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True, editable=False)

    requested_items = models.JSONField(_("informations demandées"), default=list, blank=True, editable=False)
    recommendation = models.CharField(
        _("avis du groupe de travail"), max_length=20, choices=Recommendation.choices, blank=True, editable=False
    )
    recommendation_reasons = models.TextField(_("motifs de l'avis"), blank=True, editable=False)

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("entrée du répertoire"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        help_text=_("L'organisation du répertoire créée ou réactivée par cette demande."),
    )
    referees = models.ManyToManyField(
        Organisation,
        through="Reference",
        verbose_name=_("organisations membres référentes"),
        related_name="referenced_applications",
        blank=True,
    )

    reference_prefix = "ADH"
    kind_label = _("demande d'adhésion")
    public_labels = {
        State.SUBMITTED: _("Reçue"),
        State.SCREENING: _("En cours d'examen"),
        State.COPIL_REVIEW: _("En cours d'examen"),
    }
    state_deadlines = {
        State.SUBMITTED: timedelta(days=7),
        State.SCREENING: timedelta(days=21),
        State.INFORMATION_REQUESTED: timedelta(days=30),
    }
    reminder_offsets = (timedelta(days=3),)
    decision_transitions = {"approve": "approve", "reject": "reject", "request_changes": "copil_request_information"}
    # Bare buttons on the engine's page. Submitting goes with the application
    # form (it saves what was typed); asking for information needs the list of
    # items; sending to the COPIL needs the working group's opinion.
    generic_transitions = frozenset({"start_screening", "withdraw"})
    # What the applicant may change: each step keeps them, a resubmission shows what changed.
    tracked_fields = (
        "name", "acronym", "country", "province", "city", "year_founded", "description", "website",
        "registration_number", "registration_date", "registration_authority", "no_registration_reason",
        "domains", "target_groups", "areas_of_intervention", "legal_representative", "contact_person",
        "email", "phone", "messaging", "address",
    )

    class Meta:
        verbose_name = _("demande d'adhésion")
        verbose_name_plural = _("demandes d'adhésion")
        ordering = ["-created_at"]
        permissions = [("screen_membershipapplication", "Can screen membership applications")]

    def __str__(self):
        return f"{self.reference} — {self.name}" if self.reference else self.name

    def get_absolute_url(self):
        return reverse("members:application", kwargs={"reference": self.reference})

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @property
    def title(self) -> str:
        label = f"{self.name} ({self.acronym})" if self.acronym else self.name
        return str(_("Demande d'adhésion de %(organisation)s") % {"organisation": label})

    @property
    def is_editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.INFORMATION_REQUESTED)

    # --- who is involved ----------------------------------------------------------

    def applicant_user_ids(self) -> set[int]:
        """The applicant's people: the owner and anyone given the right to change it."""
        ids = {self.owner_id} if self.owner_id else set()
        ids |= set(
            MembershipApplicationUserObjectPermission.objects.filter(
                content_object=self, permission__codename="change_membershipapplication"
            ).values_list("user_id", flat=True)
        )
        return ids

    def tied_user_ids(self) -> set[int]:
        ids = self.applicant_user_ids()
        ids |= set(
            Organisation.focal_points.through.objects.filter(
                organisation__referenced_applications=self
            ).values_list("user_id", flat=True)
        )
        if self.organisation_id:
            ids |= set(self.organisation.focal_points.values_list("pk", flat=True))
        return ids

    def notification_recipients(self, entry) -> set[int]:
        recipients = self.applicant_user_ids()
        if entry.to_state == self.State.SUBMITTED or (
            entry.to_state == self.State.SCREENING and entry.from_state == self.State.INFORMATION_REQUESTED
        ):
            recipients |= _membership_group_ids()
        return recipients

    def timer_recipients(self) -> set[int]:
        if self.state == self.State.INFORMATION_REQUESTED:
            return self.applicant_user_ids()
        if self.state in (self.State.SUBMITTED, self.State.SCREENING):
            return _membership_group_ids()
        return set()

    # --- the applicants' space -------------------------------------------------------------

    def tracked_values(self) -> dict:
        """The tracked fields, and each document kind by file name and fingerprint."""
        values = super().tracked_values()
        documents = {document.kind: document for document in self.documents.all()}
        for kind, label in ApplicationDocument.Kind.choices:
            document = documents.get(kind)
            values[f"document:{kind}"] = {
                "label": str(label),
                "value": f"{document.original_name} ({document.sha256[:12]})" if document else "",
            }
        return values

    def expected_of_applicant(self) -> dict | None:
        if self.state == self.State.INFORMATION_REQUESTED:
            return {"text": _("Complétez les éléments demandés et renvoyez la demande."), "due": self.deadline_at}
        if self.state == self.State.DRAFT:
            return {"text": _("Complétez votre demande et soumettez-la."), "due": None}
        return None

    def message_recipients_for_applicant(self) -> set[int]:
        return (super().message_recipients_for_applicant() | _membership_group_ids()) - self.applicant_user_ids()

    # --- completeness (a condition of submitting) --------------------------------------

    def missing_for_submission(self) -> list[str]:
        """What must still be given before the application can be submitted."""
        missing = []
        for field in ("name", "country", "province", "legal_representative", "email", "phone"):
            if not getattr(self, field):
                missing.append(str(self._meta.get_field(field).verbose_name))
        if self.pk is not None:
            if not self.domains.exists():
                missing.append(str(_("au moins un domaine thématique")))
            if not self.target_groups.exists():
                missing.append(str(_("au moins un groupe cible")))
            if not self.documents.filter(kind=ApplicationDocument.Kind.STATUTES).exists():
                missing.append(str(_("les statuts (document)")))
        if not self.registration_number and not self.no_registration_reason.strip():
            missing.append(str(_("le numéro du récépissé, ou la raison de son absence")))
        if self.charter_accepted_at is None:
            missing.append(str(_("l'acceptation de la charte")))
        return missing

    def is_complete(self) -> bool:
        return not self.missing_for_submission()

    # --- the engine's hooks --------------------------------------------------------------

    def transitioned(self, entry) -> None:
        from . import services

        services.application_transitioned(application=self, entry=entry)

    def letter_kind(self, decision) -> str | None:
        return {"approve": "membership_approved", "reject": "membership_rejected"}.get(decision.outcome)

    def letter_context(self, decision) -> dict:
        from .letters import application_letter_context

        return application_letter_context(self, decision=decision)

    def letter_recipient(self):
        return self.owner

    # --- transitions (fields only; services.application_transitioned does the rest) ----

    @transition(field=state, source=State.DRAFT, target=State.SUBMITTED, permission=_is_applicant,
                conditions=[_complete])
    def submit(self, *, by=None, **data):
        self.submitted_at = timezone.now()

    @transition(field=state, source=State.SUBMITTED, target=State.SCREENING,
                permission="members.screen_membershipapplication")
    def start_screening(self, *, by=None, **data):
        pass

    @transition(field=state, source=State.SCREENING, target=State.INFORMATION_REQUESTED,
                permission="members.screen_membershipapplication")
    def request_information(self, *, by=None, items=None, **data):
        self.requested_items = _items_or_refuse(items)

    @transition(field=state, source=State.INFORMATION_REQUESTED, target=State.SCREENING, permission=_is_applicant,
                conditions=[_complete])
    def resubmit(self, *, by=None, **data):
        self.submitted_at = timezone.now()

    @transition(field=state, source=State.SCREENING, target=State.COPIL_REVIEW,
                permission="members.screen_membershipapplication")
    def send_to_copil(self, *, by=None, recommendation="", reasons="", **data):
        self.recommendation = recommendation if recommendation in self.Recommendation.values else ""
        self.recommendation_reasons = reasons or ""

    @system_only
    @transition(field=state, source=State.COPIL_REVIEW, target=State.INFORMATION_REQUESTED)
    def copil_request_information(self, *, by=None, decision=None, items=None, **data):
        conditions = decision.conditions if decision is not None else ""
        self.requested_items = [line for line in (items or conditions.splitlines()) if line.strip()] or [
            str(_("Le COPIL demande des précisions : le groupe Adhésion vous écrira."))
        ]

    @system_only
    @transition(field=state, source=State.COPIL_REVIEW, target=State.APPROVED)
    def approve(self, *, by=None, decision=None, **data):
        self.decided_at = timezone.now()

    @system_only
    @transition(field=state, source=State.COPIL_REVIEW, target=State.REJECTED)
    def reject(self, *, by=None, decision=None, **data):
        self.decided_at = timezone.now()

    @transition(field=state, source=[State.DRAFT, *OPEN_STATES], target=State.WITHDRAWN, permission=_is_applicant)
    def withdraw(self, *, by=None, **data):
        pass


MembershipApplication.submit.label = _("Soumettre la demande")
MembershipApplication.start_screening.label = _("Commencer l'examen")
MembershipApplication.request_information.label = _("Demander des informations")
MembershipApplication.resubmit.label = _("Renvoyer la demande complétée")
MembershipApplication.send_to_copil.label = _("Transmettre au COPIL")
MembershipApplication.copil_request_information.label = _("Informations demandées par le COPIL")
MembershipApplication.approve.label = _("Approuver")
MembershipApplication.reject.label = _("Rejeter")
MembershipApplication.withdraw.label = _("Retirer la demande")


class MembershipApplicationUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(MembershipApplication, on_delete=models.CASCADE)


class MembershipApplicationGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(MembershipApplication, on_delete=models.CASCADE)


class Reference(models.Model):
    """A member organisation named by an applicant as a referee; its focal
    points confirm or decline from their own accounts."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        CONFIRMED = "confirmed", _("Confirmée")
        DECLINED = "declined", _("Déclinée")

    application = models.ForeignKey(MembershipApplication, on_delete=models.CASCADE, related_name="references")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation référente"), on_delete=models.PROTECT, related_name="references_given"
    )
    status = models.CharField(_("réponse"), max_length=20, choices=Status.choices, default=Status.PENDING)
    comment = models.TextField(_("commentaire"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    requested_at = models.DateTimeField(_("demandée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("référence")
        verbose_name_plural = _("références")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "organisation"], name="members_reference_once"),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(answered_at__isnull=False), name="members_reference_answered_at"
            ),
        ]

    def __str__(self):
        return f"{self.application.reference} ← {self.organisation}"


def _document_path(instance, filename):
    # Never the uploaded name on disk: a random name, the checked extension.
    return f"members/applications/{instance.application_id}/{uuid.uuid4().hex}.{instance.extension}"


class ApplicationDocument(models.Model):
    """A file attached to an application, stored privately, served only
    through a permission-checked view."""

    class Kind(models.TextChoices):
        STATUTES = "statutes", _("Statuts")
        RECEIPT = "receipt", _("Récépissé")
        ACTIVITY_REPORT = "activity_report", _("Rapport d'activité")

    application = models.ForeignKey(MembershipApplication, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("type de document"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("fichier"), upload_to=_document_path, storage=PrivateStorage(), max_length=200)
    original_name = models.CharField(_("nom d'origine"), max_length=200)
    content_type = models.CharField(_("type de contenu"), max_length=100)
    extension = models.CharField(max_length=8)
    size = models.PositiveIntegerField(_("taille (octets)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("déposé le"), default=timezone.now)

    class Meta:
        verbose_name = _("document de demande")
        verbose_name_plural = _("documents de demande")
        ordering = ["kind", "-uploaded_at"]
        constraints = [
            # One current file per kind: a new upload replaces the previous one.
            models.UniqueConstraint(fields=["application", "kind"], name="members_document_one_per_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.original_name}"

    def get_absolute_url(self):
        return reverse(
            "members:document", kwargs={"reference": self.application.reference, "pk": self.pk}
        )
