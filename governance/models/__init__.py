"""Governance: meetings' invitations and attendance, the General Assembly,
COPIL elections.

- meetings, assembly: invitations, attendance, the General Assembly's
  delegates, proxies and resolutions;
- elections: COPIL elections (seats and rules, candidacies, the secret
  ballot's register and urn, results) and the committee's terms (its
  composition per term, kept as history).
"""

from .assembly import Assembly, Delegation, Resolution, ResolutionVote
from .elections import Candidacy, CommitteeTerm, CommitteeTermSeat, Election, ElectionBallot, ElectionVoter
from .meetings import MeetingAttendance, MeetingInvitation

__all__ = [
    "Assembly",
    "Candidacy",
    "CommitteeTerm",
    "CommitteeTermSeat",
    "Delegation",
    "Election",
    "ElectionBallot",
    "ElectionVoter",
    "MeetingAttendance",
    "MeetingInvitation",
    "Resolution",
    "ResolutionVote",
]
