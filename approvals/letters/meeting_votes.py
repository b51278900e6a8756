"""Votes given in a meeting: the secretariat's sheet, the chair's confirmation.

Thin views over approvals.services.meeting_votes; one form whose fields are
the ballot's seats (one select per member: absent, or the vote given).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import tallies
from ..models import Ballot, Choice, MeetingBallot
from ..selectors import ballot_visible_to
from ..services import may_record_meeting_votes, meeting_votes_confirm, meeting_votes_record, tally
from .views import _meeting_for

ABSENT = ""


class MeetingVotesForm(forms.Form):
    """One field per seat, `member_<id>`: empty for absent, else the vote
    given in the room. Recused seats have a field too, so that a vote sent
    for them is refused by the service rather than silently dropped; the
    page shows them as recused, without a choice."""

    def __init__(self, *args, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.seats = seats
        choices = [(ABSENT, gettext_lazy("Absent·e")), *Choice.choices]
        for seat in seats:
            self.fields[self.field_name(seat)] = forms.ChoiceField(
                label=seat.member.full_name or seat.member.email, choices=choices, required=False
            )

    @staticmethod
    def field_name(seat) -> str:
        return f"member_{seat.member_id}"

    def rows(self):
        return [(seat, self[self.field_name(seat)]) for seat in self.seats]

    def votes(self) -> dict:
        return {
            seat.member_id: self.cleaned_data[self.field_name(seat)]
            for seat in self.seats
            if self.cleaned_data.get(self.field_name(seat))
        }


def _ballot_at(meeting, user, ballot_pk, *, to_record: bool) -> Ballot:
    """The ballot at this meeting: to read, for those who may record or see
    the ballot (its committee); to record, for the secretariat and the chair."""
    ballot = get_object_or_404(Ballot.objects.select_related("committee", "content_type"), pk=ballot_pk, committee=meeting.committee)
    allowed = may_record_meeting_votes(user, ballot) or (not to_record and ballot_visible_to(user, ballot))
    if not allowed:
        if getattr(ballot.content_type.model_class(), "sensitive", False):
            raise Http404
        raise PermissionDenied(_("Seuls le secrétariat et la présidence du comité enregistrent les votes en séance."))
    return ballot


@login_required
def meeting_ballot(request, pk, ballot_pk):
    meeting = _meeting_for(request.user, pk)
    ballot = _ballot_at(meeting, request.user, ballot_pk, to_record=request.method == "POST")
    seats = list(ballot.seats.select_related("member").order_by("member__full_name", "member__email"))
    record = MeetingBallot.objects.filter(meeting=meeting, ballot=ballot).select_related("recorded_by", "confirmed_by", "decision").first()
    initial = {f"member_{vote.member_id}": vote.choice for vote in record.votes.all()} if record else {}
    form = MeetingVotesForm(request.POST or None, seats=seats, initial=initial)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "approvals/letters/meeting_ballot.html", _context(meeting, ballot, record, form, request.user), status=400)
        meeting_votes_record(meeting_id=meeting.pk, ballot_id=ballot.pk, by=request.user, votes=form.votes())
        messages.success(request, _("Votes en séance enregistrés : la présidence du comité doit maintenant les confirmer."))
        return redirect("letters:meeting_ballot", pk=meeting.pk, ballot_pk=ballot.pk)
    return render(request, "approvals/letters/meeting_ballot.html", _context(meeting, ballot, record, form, request.user))


def _context(meeting, ballot, record, form, user) -> dict:
    eligible = ballot.seats.filter(recused_at__isnull=True).count()
    return {
        "meeting": meeting,
        "ballot": ballot,
        "record": record,
        "record_votes": record.votes.select_related("member").order_by("member__full_name") if record else [],
        "form": form,
        "quorum": tallies.quorum_needed(eligible, ballot.quorum_percent),
        "eligible": eligible,
        "tally": tally(ballot),
        "is_chair": ballot.committee.chair_id == user.pk,
        "can_record": may_record_meeting_votes(user, ballot),
        "can_see_ballot": ballot_visible_to(user, ballot),
    }


@login_required
@require_POST
def meeting_ballot_confirm(request, pk, ballot_pk):
    meeting = _meeting_for(request.user, pk)
    ballot = _ballot_at(meeting, request.user, ballot_pk, to_record=True)
    record = get_object_or_404(MeetingBallot, meeting=meeting, ballot=ballot)
    already = record.is_confirmed
    record = meeting_votes_confirm(record_id=record.pk, by=request.user)
    if already:
        messages.info(request, _("Ces votes étaient déjà confirmés : rien n'a changé."))
    else:
        messages.success(
            request,
            _("Votes confirmés : le scrutin est clos, décision %(reference)s (%(outcome)s).")
            % {"reference": record.decision.reference, "outcome": record.decision.get_outcome_display()},
        )
    return redirect("letters:meeting_ballot", pk=meeting.pk, ballot_pk=ballot.pk)
