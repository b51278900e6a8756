"""What a meeting needs beyond the committee's own record (approvals.Meeting):
who was invited and reminded, and who attended for which member organisation."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MeetingInvitation(models.Model):
    """One e-mail sent for a meeting to one person: the invitation or a
    reminder, for one version of the meeting's schedule. The row is written
    when the e-mail goes, so a repeated delivery sends nothing."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        REMINDER_7 = "reminder_7", _("Rappel à 7 jours")
        REMINDER_1 = "reminder_1", _("Rappel à 1 jour")

    meeting = models.ForeignKey("approvals.Meeting", verbose_name=_("réunion"), on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("invité·e"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("envoi"), max_length=12, choices=Kind.choices, default=Kind.INVITATION)
    schedule_version = models.PositiveSmallIntegerField(_("version du calendrier"), default=0)
    sent_at = models.DateTimeField(_("envoyé le"), default=timezone.now)

    class Meta:
        verbose_name = _("invitation à une réunion")
        verbose_name_plural = _("invitations aux réunions")
        ordering = ["meeting", "person", "sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person", "kind", "schedule_version"], name="governance_one_mail_per_person_kind_version"
            )
        ]

    def __str__(self):
        return f"{self.meeting_id}:{self.person_id}:{self.kind}"


class MeetingAttendance(models.Model):
    """A person present at a meeting, and for which member organisation (if
    any) and in what capacity: a committee member, an organisation's
    delegate (its focal point), a proxy named by it, or an observer."""

    class Capacity(models.TextChoices):
        MEMBER = "member", _("Membre du comité")
        DELEGATE = "delegate", _("Délégué·e de l'organisation")
        PROXY = "proxy", _("Mandataire (procuration)")
        OBSERVER = "observer", _("Observateur·rice")

    VOTING_CAPACITIES = (Capacity.DELEGATE, Capacity.PROXY)

    meeting = models.ForeignKey("approvals.Meeting", verbose_name=_("réunion"), on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("personne"), on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("organisation"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    capacity = models.CharField(_("qualité"), max_length=12, choices=Capacity.choices, default=Capacity.MEMBER)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("noté par"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("noté le"), default=timezone.now)

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        ordering = ["meeting", "organisation", "person"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], condition=Q(organisation__isnull=True), name="governance_one_presence_per_person"
            ),
            models.UniqueConstraint(
                fields=["meeting", "organisation", "person"],
                condition=Q(organisation__isnull=False),
                name="governance_one_presence_per_person_and_org",
            ),
            # One voting representative per organisation.
            models.UniqueConstraint(
                fields=["meeting", "organisation"],
                condition=Q(capacity__in=["delegate", "proxy"]),
                name="governance_one_voting_representative_per_org",
            ),
        ]

    def __str__(self):
        return f"{self.meeting_id}:{self.person_id} ({self.capacity})"
