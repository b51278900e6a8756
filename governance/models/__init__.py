"""Governance: working groups and their documents for validation, meetings'
invitations and attendance, the General Assembly, COPIL elections."""

from .assembly import Assembly, Delegation, Resolution, ResolutionVote
from .documents import (
    Document,
    DocumentGroupObjectPermission,
    DocumentUserObjectPermission,
    DocumentVersion,
)
from .meetings import MeetingAttendance, MeetingInvitation
from .working_groups import WorkingGroup

__all__ = [
    "Assembly",
    "Delegation",
    "Document",
    "DocumentGroupObjectPermission",
    "DocumentUserObjectPermission",
    "DocumentVersion",
    "MeetingAttendance",
    "MeetingInvitation",
    "Resolution",
    "ResolutionVote",
    "WorkingGroup",
]
