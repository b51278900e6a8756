"""What the minutes (procès-verbal) of a plenary or a General Assembly say
beyond a committee's: attendance per member organisation, and the
assembly's resolutions with their results. Registered with the letters
engine (approvals.letters.services.register_minutes_hook); runs under the
letter's language."""

from django.utils.translation import gettext as _

from approvals.models import Meeting
from members.models import Organisation

from .models import MeetingAttendance, Resolution


def _attendance_line(row) -> str:
    person = str(row.person)
    if row.organisation_id is None:
        return f"{person} ({row.get_capacity_display()})"
    return f"{row.organisation} — {person} ({row.get_capacity_display()})"


def plenary_minutes(meeting, context: dict) -> dict:
    if not meeting.is_plenary:
        return {}
    rows = list(
        MeetingAttendance.objects.filter(meeting=meeting).select_related("person", "organisation").order_by(
            "organisation__name", "person__full_name", "person__email"
        )
    )
    changes = {}
    if rows:
        changes["attendees"] = [_attendance_line(row) for row in rows]
        represented = {row.organisation_id for row in rows if row.capacity in MeetingAttendance.VOTING_CAPACITIES}
        changes["absentees"] = [str(org) for org in Organisation.objects.active().order_by("name") if org.pk not in represented]
    if meeting.kind == Meeting.Kind.GENERAL_ASSEMBLY and hasattr(meeting, "assembly"):
        decisions = list(context.get("decisions", []))
        for resolution in meeting.assembly.resolutions.filter(status=Resolution.Status.CLOSED).order_by("number"):
            counts = resolution.counts or {}
            outcome = _("%(outcome)s (pour : %(approve)d, contre : %(reject)d, abstentions : %(abstain)d)") % {
                "outcome": resolution.get_outcome_display(),
                "approve": counts.get("approve", 0),
                "reject": counts.get("reject", 0),
                "abstain": counts.get("abstain", 0),
            }
            decisions.append({"reference": f"R{resolution.number}", "dossier": resolution.title, "outcome": outcome})
        changes["decisions"] = decisions
    return changes
