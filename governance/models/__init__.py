"""Governance models, one module per part:

- working_groups, documents: the working groups and their documents for the
  COPIL's validation (a dossier kind);
- meetings, assembly: invitations, attendance, the General Assembly's
  delegates, proxies and resolutions;
- elections: COPIL elections (seats and rules, candidacies, the secret
  ballot's register and urn, results) and the committee's terms (its
  composition per term, kept as history).
"""

from .assembly import Assembly, Delegation, Resolution, ResolutionVote
from .documents import (
    Document,
    DocumentGroupObjectPermission,
    DocumentUserObjectPermission,
    DocumentVersion,
)
from .elections import Candidacy, CommitteeTerm, CommitteeTermSeat, Election, ElectionBallot, ElectionVoter
from .meetings import MeetingAttendance, MeetingInvitation
from .working_groups import WorkingGroup

__all__ = [
    "Assembly",
    "Candidacy",
    "CommitteeTerm",
    "CommitteeTermSeat",
    "Delegation",
    "Document",
    "DocumentGroupObjectPermission",
    "DocumentUserObjectPermission",
    "DocumentVersion",
    "Election",
    "ElectionBallot",
    "ElectionVoter",
    "MeetingAttendance",
    "MeetingInvitation",
    "Resolution",
    "ResolutionVote",
    "WorkingGroup",
]
