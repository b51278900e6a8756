from .ballots import Ballot, Choice, Decision, Outcome, Seat, Vote
from .committees import Committee, Threshold
from .dossier import Dossier, Sequence, next_reference
from .letters import Letter, LetterBatch, LetterBatchItem, LetterTemplate, Meeting, MeetingAgendaItem  # noqa: F401  (approvals.letters)
from .meeting_votes import MeetingBallot, MeetingVote
from .outbox import Notification, OutboxMessage
from .ratelimit import RateCounter
from .space import DossierMessage, DossierMessageRead, StatusLink
from .timeline import ImmutableError, TimelineEntry

__all__ = [
    "Ballot",
    "Choice",
    "Committee",
    "Decision",
    "Dossier",
    "DossierMessage",
    "DossierMessageRead",
    "ImmutableError",
    "MeetingBallot",
    "MeetingVote",
    "Notification",
    "Outcome",
    "OutboxMessage",
    "RateCounter",
    "Seat",
    "Sequence",
    "StatusLink",
    "Threshold",
    "TimelineEntry",
    "Vote",
    "next_reference",
]
