"""Governance: meetings' invitations and attendance, the General Assembly.

Other helpers add their own modules here (working groups, elections).
"""

from .assembly import Assembly, Delegation, Resolution, ResolutionVote
from .meetings import MeetingAttendance, MeetingInvitation

__all__ = [
    "Assembly",
    "Delegation",
    "MeetingAttendance",
    "MeetingInvitation",
    "Resolution",
    "ResolutionVote",
]
