"""Votes given in a committee meeting, recorded on an open ballot.

The secretariat (or the chair) writes down who was present and how each
present member voted in the room; the chair confirms; only then are they
counted as the ballot's votes and the ballot closed (approvals.services.
meeting_votes). Until confirmed they are a draft that may be corrected.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .ballots import Ballot, Choice, Decision
from .letters import Meeting


class MeetingBallot(models.Model):
    """One ballot taken at one meeting: the room's votes, then the chair's confirmation."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("réunion"), on_delete=models.PROTECT, related_name="ballot_records")
    ballot = models.ForeignKey(Ballot, verbose_name=_("scrutin"), on_delete=models.PROTECT, related_name="meeting_records")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("enregistré par"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("enregistré le"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmé par"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    decision = models.OneToOneField(
        Decision, verbose_name=_("décision"), null=True, blank=True, on_delete=models.PROTECT, related_name="meeting_record"
    )

    class Meta:
        verbose_name = _("scrutin en séance")
        verbose_name_plural = _("scrutins en séance")
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "ballot"], name="one_record_per_meeting_and_ballot"),
            # A ballot is decided in one meeting at most.
            models.UniqueConstraint(
                fields=["ballot"], condition=models.Q(confirmed_at__isnull=False), name="one_confirmed_meeting_per_ballot"
            ),
        ]

    def __str__(self):
        return f"{self.meeting.reference} · {self.ballot.dossier_reference}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class MeetingVote(models.Model):
    """A member present in the room and the vote they gave there (abstaining included)."""

    record = models.ForeignKey(MeetingBallot, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("membre"), on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("vote"), max_length=20, choices=Choice.choices)

    class Meta:
        verbose_name = _("vote en séance")
        verbose_name_plural = _("votes en séance")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["record", "member"], name="one_meeting_vote_per_member")]

    def __str__(self):
        return f"{self.member} : {self.get_choice_display()}"
