"""Meetings as the network reads them: the members' list of plenaries and
General Assemblies, a meeting's page (schedule in the reader's time zone,
agenda and decisions per item, attendance per organisation, quorum,
minutes), and the chair's actions on it."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from approvals.letters import permissions as letter_permissions
from approvals.letters import selectors as letter_selectors
from approvals.letters.forms import MinutesForm
from approvals.letters.services import meeting_agenda_item_add, meeting_agenda_item_decide
from approvals.models import Meeting, MeetingAgendaItem
from grants.timezones import in_reader_time_zone
from members.models import Organisation

from ..forms import AgendaItemForm, AttendanceForm, ItemOutcomeForm
from ..models import MeetingAttendance
from ..selectors import plenary_meetings_for
from ..services.assembly import delegate_for
from ..services.meetings import (
    meeting_attendance_record,
    meeting_audience_ids,
    meeting_invitations_send,
    meeting_quorum,
)


def _meeting_for(user, pk) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    if not (letter_permissions.in_meeting_audience(user, meeting) or letter_permissions.may_see_meeting(user, meeting)):
        raise Http404
    return meeting


def _managed(user, pk) -> Meeting:
    """The meeting, for its chair; 403 for the rest of its audience, 404 for others."""
    meeting = _meeting_for(user, pk)
    if not letter_permissions.may_run_meetings(user, meeting.committee):
        raise PermissionDenied(_("Seule la présidence du comité organise ses réunions."))
    return meeting


@login_required
@in_reader_time_zone
def meetings(request):
    plenaries = list(plenary_meetings_for(request.user)[:100])
    committee_meetings = list(letter_selectors.meetings_for(request.user).exclude(kind__in=list(Meeting.PLENARY_KINDS))[:100])
    return render(request, "governance/meetings.html", {"plenaries": plenaries, "committee_meetings": committee_meetings})


def _attendance_rows(meeting) -> list[dict]:
    """The sheet's lines: committee members, then each member organisation's
    voting representative (plenaries), each with its current state."""
    present = {(row.person_id, row.organisation_id) for row in meeting.attendance.all()}
    rows = []
    for user in letter_selectors.meeting_member_choices(meeting):
        rows.append({"field": f"person_{user.pk}", "label": str(user), "person": user.pk, "organisation": None,
                     "capacity": MeetingAttendance.Capacity.MEMBER, "present": (user.pk, None) in present})
    if meeting.is_plenary:
        assembly = getattr(meeting, "assembly", None) if meeting.kind == Meeting.Kind.GENERAL_ASSEMBLY else None
        for organisation in Organisation.objects.active().prefetch_related("focal_points").order_by("name"):
            delegate = delegate_for(assembly, organisation) if assembly else organisation.focal_points.order_by("pk").first()
            if delegate is None:
                continue
            is_proxy = assembly is not None and not organisation.focal_points.filter(pk=delegate.pk).exists()
            capacity = MeetingAttendance.Capacity.PROXY if is_proxy else MeetingAttendance.Capacity.DELEGATE
            label = f"{organisation} — {delegate}" + (f" ({_('mandataire')})" if is_proxy else "")
            rows.append({"field": f"org_{organisation.pk}", "label": label, "person": delegate.pk,
                         "organisation": organisation.pk, "capacity": capacity,
                         "present": (delegate.pk, organisation.pk) in present})
    return rows


def _observer_choices(meeting):
    return get_user_model().objects.filter(pk__in=meeting_audience_ids(meeting)).order_by("full_name", "email")


@login_required
@in_reader_time_zone
def meeting(request, pk):
    meeting = _meeting_for(request.user, pk)
    manage = letter_permissions.may_run_meetings(request.user, meeting.committee)
    minutes = meeting.letters.order_by("-id").first()
    if minutes is not None and letter_permissions.letter_access(request.user, minutes) != letter_permissions.ALLOWED:
        minutes = None
    context = {
        "meeting": meeting,
        "manage": manage,
        "items": meeting.agenda_items.select_related("decision").order_by("position"),
        "attendance": meeting.attendance.select_related("person", "organisation").order_by("organisation__name", "person__email"),
        "quorum": meeting_quorum(meeting),
        "minutes": minutes,
        "invited": meeting.invitations.filter(kind="invitation", schedule_version=meeting.schedule_version).count(),
        "assembly": getattr(meeting, "assembly", None) if meeting.kind == Meeting.Kind.GENERAL_ASSEMBLY else None,
    }
    if manage:
        rows = _attendance_rows(meeting)
        initial = {row["field"]: row["present"] for row in rows}
        initial["observers"] = [
            str(row.person_id) for row in meeting.attendance.all() if row.capacity == MeetingAttendance.Capacity.OBSERVER
        ]
        context.update(
            attendance_form=AttendanceForm(rows=rows, observers=_observer_choices(meeting), initial=initial),
            item_form=AgendaItemForm(),
            minutes_form=MinutesForm(initial={"language": request.user.preferred_language}),
        )
    return render(request, "governance/meeting.html", context)


@login_required
@require_POST
def meeting_invite(request, pk):
    meeting = _managed(request.user, pk)
    queued = meeting_invitations_send(meeting_id=meeting.pk, by=request.user)
    if queued:
        messages.success(request, _("%(count)d invitation(s) en cours d'envoi.") % {"count": queued})
    else:
        messages.info(request, _("Toutes les personnes concernées sont déjà invitées."))
    return redirect("governance:meeting", pk=meeting.pk)


@login_required
@require_POST
def meeting_attendance(request, pk):
    meeting = _managed(request.user, pk)
    form = AttendanceForm(request.POST, rows=_attendance_rows(meeting), observers=_observer_choices(meeting))
    if not form.is_valid():
        messages.error(request, _("La feuille de présence n'a pas été enregistrée : vérifiez les cases cochées."))
        return redirect("governance:meeting", pk=meeting.pk)
    meeting_attendance_record(meeting_id=meeting.pk, by=request.user, entries=form.entries())
    messages.success(request, _("Feuille de présence enregistrée."))
    return redirect("governance:meeting", pk=meeting.pk)


@login_required
@require_POST
def meeting_item_add(request, pk):
    meeting = _managed(request.user, pk)
    form = AgendaItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Donnez un intitulé au point."))
        return redirect("governance:meeting", pk=meeting.pk)
    meeting_agenda_item_add(meeting_id=meeting.pk, by=request.user, label=form.cleaned_data["label"])
    messages.success(request, _("Point ajouté à l'ordre du jour."))
    return redirect("governance:meeting", pk=meeting.pk)


@login_required
@require_POST
def meeting_item_decide(request, pk, item_pk):
    meeting = _managed(request.user, pk)
    item = get_object_or_404(MeetingAgendaItem, pk=item_pk, meeting=meeting)
    form = ItemOutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("La décision n'a pas été enregistrée."))
        return redirect("governance:meeting", pk=meeting.pk)
    meeting_agenda_item_decide(item_id=item.pk, by=request.user, outcome=form.cleaned_data["outcome"])
    messages.success(request, _("Décision consignée pour ce point."))
    return redirect("governance:meeting", pk=meeting.pk)
