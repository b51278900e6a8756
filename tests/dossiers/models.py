"""A small test-only dossier kind that proves the approvals engine before
(and beside) the real dossiers."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from approvals.models import Dossier
from approvals.fsm import system_only


class Club(models.Model):
    """Stands for an organisation: users belong to it."""

    name = models.CharField(max_length=100)
    people = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="clubs", blank=True)


class Petition(Dossier):
    class State(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        SUBMITTED = "submitted", _("Soumise")
        REVIEW = "review", _("Examen par le comité")
        CHANGES = "changes", _("Modifications demandées")
        APPROVED = "approved", _("Approuvée")
        REJECTED = "rejected", _("Rejetée")
        EXPIRED = "expired", _("Expirée")
        WITHDRAWN = "withdrawn", _("Retirée")

    state = FSMField(default=State.DRAFT, choices=State.choices, protected=True)
    title = models.CharField(max_length=200)
    club = models.ForeignKey(Club, null=True, blank=True, on_delete=models.PROTECT)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    approved_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)

    reference_prefix = "TST"
    public_labels = {State.REVIEW: _("En cours d'examen"), State.SUBMITTED: _("Reçue")}
    state_deadlines = {State.SUBMITTED: timedelta(days=10), State.REVIEW: timedelta(days=20)}
    reminder_offsets = (timedelta(days=7), timedelta(days=2))
    deadline_transitions = {State.SUBMITTED: "expire"}
    decision_transitions = {"approve": "approve", "reject": "reject", "request_changes": "request_changes"}
    generic_transitions = frozenset({"submit", "send_to_committee", "withdraw"})

    class Meta:
        permissions = [("review_petition", "Can review petitions")]

    def tied_user_ids(self):
        ids = super().tied_user_ids()
        if self.club_id:
            ids |= set(self.club.people.values_list("pk", flat=True))
        return ids

    def timer_recipients(self):
        return {self.handler_id} if self.handler_id else set()

    def transitioned(self, entry):
        # The domain's consequence of entering review: ask the committee.
        if entry.to_state == self.State.REVIEW and entry.from_state != self.State.REVIEW:
            from approvals.models import Committee
            from approvals.services import ballot_open

            committee = Committee.objects.filter(code="copil").first()
            if committee is not None:
                ballot_open(dossier=self, committee=committee, question=f"Approuver {self.reference} ?")

    @transition(field=state, source=State.DRAFT, target=State.SUBMITTED, permission="dossiers.change_petition")
    def submit(self, *, by=None, **data):
        pass

    @transition(field=state, source=State.SUBMITTED, target=State.REVIEW, permission="dossiers.review_petition")
    def send_to_committee(self, *, by=None, **data):
        pass

    @transition(field=state, source=[State.DRAFT, State.SUBMITTED, State.CHANGES], target=State.WITHDRAWN,
                permission="dossiers.change_petition")
    def withdraw(self, *, by=None, **data):
        pass

    @system_only
    @transition(field=state, source=State.REVIEW, target=State.APPROVED)
    def approve(self, *, by=None, decision=None, **data):
        if decision is not None:
            self.approved_amount = decision.amount

    @system_only
    @transition(field=state, source=State.REVIEW, target=State.REJECTED)
    def reject(self, *, by=None, **data):
        pass

    @system_only
    @transition(field=state, source=State.REVIEW, target=State.CHANGES)
    def request_changes(self, *, by=None, **data):
        pass

    @system_only
    @transition(field=state, source=State.SUBMITTED, target=State.EXPIRED)
    def expire(self, *, by=None, **data):
        pass


class PetitionUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Petition, on_delete=models.CASCADE)


class PetitionGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Petition, on_delete=models.CASCADE)
