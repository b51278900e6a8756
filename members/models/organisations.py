"""The directory entry: a member organisation, a dossier (prefix ORG).

Its member lifecycle (active ⇄ suspended → withdrawn | excluded) runs
through `approvals.services.perform`, each step decided by a COPIL ballot, so
every change is on the organisation's timeline.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from approvals.fsm import system_only
from approvals.models import Dossier

from .vocabulary import TargetGroup, Theme, country_choices, country_name


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
        from .. import services  # read when called: the services import the models

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

