"""The network's working groups (the six of the action plan), as data the
secretariat changes.

A working group is the profile of an `approvals.Committee` of kind
"working_group": its members are the committee's members (and chair), so
the two groups that existed before (Adhésion et gouvernance, Recherche de
financement) keep their committee rows. A group may also name the role its
members hold (`Role.MEMBERSHIP_GROUP`, `Role.FUNDRAISING_GROUP`): people with
that role belong to it as well, and adding a member through the services
gives them the role, so the rights the role carries keep working.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role


class WorkingGroup(models.Model):
    committee = models.OneToOneField(
        "approvals.Committee",
        verbose_name=_("comité (membres)"),
        on_delete=models.PROTECT,
        related_name="working_group",
        limit_choices_to={"kind": "working_group"},
    )
    slug = models.SlugField(_("adresse"), max_length=60, unique=True)
    mandate = models.TextField(_("mandat"), blank=True)
    role = models.CharField(
        _("rôle de ses membres"),
        max_length=40,
        choices=Role.choices,
        blank=True,
        help_text=_("Les personnes qui ont ce rôle sont membres du groupe ; en ajouter une lui donne ce rôle."),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("référent·e"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_working_groups",
    )
    lead_term_start = models.DateField(_("début du mandat du ou de la référent·e"), null=True, blank=True)
    lead_term_end = models.DateField(_("fin du mandat du ou de la référent·e"), null=True, blank=True)

    class Meta:
        verbose_name = _("groupe de travail")
        verbose_name_plural = _("groupes de travail")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["role"], condition=~Q(role=""), name="working_group_one_group_per_role"),
            models.CheckConstraint(
                condition=Q(lead__isnull=True) | Q(lead_term_start__isnull=False),
                name="working_group_lead_has_a_term",
            ),
            models.CheckConstraint(
                condition=Q(lead_term_end__isnull=True)
                | Q(lead_term_start__isnull=True)
                | Q(lead_term_end__gte=models.F("lead_term_start")),
                name="working_group_lead_term_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("governance:group", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        return self.committee.name

    @staticmethod
    def membership_q(user, prefix: str = "") -> Q:
        """Rows (of WorkingGroup, or through `prefix`) whose group `user` belongs to."""
        if not user.is_authenticated or not user.is_active:
            return Q(pk__in=[])
        q = Q(**{f"{prefix}committee__members": user}) | Q(**{f"{prefix}committee__chair": user})
        roles = sorted(user.role_codes)
        if roles:
            q |= Q(**{f"{prefix}role__in": roles})
        return q

    def is_member(self, user) -> bool:
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        if self.role and user.has_role(self.role):
            return True
        return self.committee.is_member(user)

    def member_ids(self) -> set[int]:
        """Every active member: the committee's members and chair, and the role's holders."""
        from django.contrib.auth import get_user_model

        q = Q(committees=self.committee_id) | Q(chaired_committees=self.committee_id)
        if self.role:
            q |= Q(groups__name=self.role)
        return set(get_user_model().objects.filter(q, is_active=True).values_list("pk", flat=True).distinct())

    def members(self):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(pk__in=self.member_ids()).order_by("full_name", "email")

    @property
    def lead_in_office(self) -> bool:
        today = timezone.localdate()
        return bool(
            self.lead_id
            and self.lead_term_start
            and self.lead_term_start <= today
            and (self.lead_term_end is None or self.lead_term_end >= today)
        )
