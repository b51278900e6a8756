"""A membership application (ADH-2026-0007): an organisation's request to
join the network, screened by the membership working group, decided by a
COPIL ballot. Its transitions change fields only; the consequences of each
step run in `members.services.application_transitioned`."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection, models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from accounts.roles import Role
from approvals.fsm import TransitionRefused, system_only
from approvals.models import Dossier

from ..letters import application_letter_context
from ..permissions import is_applicant
from .documents import ApplicationDocument
from .organisations import Organisation
from .vocabulary import TargetGroup, Theme, country_choices, country_name


def _complete(instance) -> bool:
    return instance.is_complete()


_complete.refusal = _("La demande est incomplète : complétez les champs signalés avant de la soumettre.")


def _items_or_refuse(items) -> list[str]:
    if isinstance(items, str):
        items = items.splitlines()
    cleaned = [str(item).strip() for item in (items or []) if str(item).strip()]
    if not cleaned:
        raise TransitionRefused(_("Indiquez au moins une information à demander (une par ligne)."), status=400)
    return cleaned


# What a transition reads with the row's lock (read_with_lock), by name.
TRACKED_ROWS = "_relais_tracked_rows"
CHANGE_HOLDERS = "_relais_change_holders"


def _membership_group_ids() -> set[int]:
    return set(
        get_user_model()
        .objects.filter(groups__name=Role.MEMBERSHIP_GROUP, is_active=True)
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
    # The working group examines it (and may link it to a directory entry).
    SCREENING_STATES = (State.SUBMITTED, State.SCREENING)

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

    @property
    def awaited_items(self) -> list[str]:
        """What the applicant was asked for and has not sent back yet."""
        return list(self.requested_items) if self.state == self.State.INFORMATION_REQUESTED else []

    # --- who is involved ----------------------------------------------------------

    def applicant_user_ids(self) -> set[int]:
        """The applicant's people: the owner and anyone given the right to change it."""
        ids = {self.owner_id} if self.owner_id else set()
        if CHANGE_HOLDERS in self.__dict__:  # read with the row's lock (read_with_lock)
            return ids | set(self.__dict__[CHANGE_HOLDERS])
        ids |= set(
            MembershipApplicationUserObjectPermission.objects.filter(
                content_object=self, permission__codename="change_membershipapplication"
            ).values_list("user_id", flat=True)
        )
        return ids

    @classmethod
    def read_with_lock(cls, row_id: str) -> dict[str, tuple[str, list]]:
        """Every step reads the tracked themes, target groups and documents
        (the snapshot) and who may change the application (the applicant
        side of its notifications): on PostgreSQL, in the query that locks it."""
        if connection.vendor != "postgresql":
            return {}
        from approvals.access import permission_id

        quote = connection.ops.quote_name
        rows_sql, rows_params = cls._tracked_rows_sql(row_id)
        holders = quote(MembershipApplicationUserObjectPermission._meta.db_table)
        return {
            TRACKED_ROWS: (
                f"SELECT COALESCE(json_agg(json_build_array(r.a, r.b, r.c, r.d)), '[]') FROM ({rows_sql}) r(a, b, c, d)",
                rows_params,
            ),
            CHANGE_HOLDERS: (
                f"SELECT ARRAY(SELECT o.{quote('user_id')} FROM {holders} o"
                f" WHERE o.{quote('content_object_id')} = {row_id} AND o.{quote('permission_id')} = %s)",
                [permission_id(cls, "change")],
            ),
        }

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
        """The tracked fields, and each document kind by file name and
        fingerprint; themes, target groups and documents read in one query
        (every transition keeps a snapshot)."""
        many = {"domains": [], "target_groups": []}
        documents = {}
        for which, first, second, third in self._tracked_rows():
            if which == "document":
                documents[first] = (second, third)
            else:  # a theme or target group, named as its __str__ does
                many[which].append(str(Theme(name=first, name_en=second)))
        values = self.tracked_values_with(many)
        for kind, label in ApplicationDocument.Kind.choices:
            document = documents.get(kind)
            values[f"document:{kind}"] = {
                "label": str(label),
                "value": f"{document[0]} ({document[1][:12]})" if document else "",
            }
        return values

    def _tracked_rows(self):
        """("domains" | "target_groups", name, English name, "") for each theme
        and target group, ("document", kind, file name, sha256) for each
        document: one query (or none, read with the row's lock)."""
        if TRACKED_ROWS in self.__dict__:
            return [tuple(row) for row in self.__dict__[TRACKED_ROWS]]
        sql, params = self._tracked_rows_sql("%s")
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, self.pk, self.pk, self.pk])
            return cursor.fetchall()

    @classmethod
    def _tracked_rows_sql(cls, application_id: str) -> tuple[str, list]:
        """The SQL of `_tracked_rows` for the application whose id is the SQL
        `application_id` (a placeholder, or the locked row's column), written
        as SQL: the ORM took longer to build it than PostgreSQL to run it."""
        quote = connection.ops.quote_name
        parts = []
        for name in ("domains", "target_groups"):  # constants of this class, written into the SQL
            field = cls._meta.get_field(name)
            through = field.remote_field.through
            own, other = field.m2m_column_name(), field.m2m_reverse_name()
            parts.append(
                f"SELECT '{name}', v.{quote('name')}, v.{quote('name_en')}, '' FROM {quote(through._meta.db_table)} m"
                f" INNER JOIN {quote(field.related_model._meta.db_table)} v ON v.{quote('id')} = m.{quote(other)}"
                f" WHERE m.{quote(own)} = {application_id}"
            )
        parts.append(
            f"SELECT 'document', d.{quote('kind')}, d.{quote('original_name')}, d.{quote('sha256')}"
            f" FROM {quote(ApplicationDocument._meta.db_table)} d WHERE d.{quote('application_id')} = {application_id}"
        )
        return " UNION ALL ".join(parts), []

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
        from .. import services  # read when called: the services import the models

        services.application_transitioned(application=self, entry=entry)

    def letter_kind(self, decision) -> str | None:
        return {"approve": "membership_approved", "reject": "membership_rejected"}.get(decision.outcome)

    def letter_context(self, decision) -> dict:
        return application_letter_context(self, decision=decision)

    def letter_recipient(self):
        return self.owner

    # --- transitions (fields only; services.application_transitioned does the rest) ----

    @transition(field=state, source=State.DRAFT, target=State.SUBMITTED, permission=is_applicant,
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

    @transition(field=state, source=State.INFORMATION_REQUESTED, target=State.SCREENING, permission=is_applicant,
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

    @transition(field=state, source=[State.DRAFT, *OPEN_STATES], target=State.WITHDRAWN, permission=is_applicant)
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

