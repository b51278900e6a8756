"""The engine's writes. Domain apps use these; views call one per intention."""

from .ballots import (
    BallotError,
    ballot_cancel,
    ballot_close_if_due,
    ballot_open,
    close_due_ballots,
    conflict_declare,
    due_ballot_ids,
    may_open_ballot,
    open_ballots_cancel,
    tally,
    vote_cast,
)
from .meeting_votes import (
    ballot_close_early,
    ballot_lapse,
    may_record_meeting_votes,
    meeting_votes_confirm,
    meeting_votes_record,
)
from .notifications import notification_text, notify
from . import decisions  # noqa: F401  (registers the decision.recorded handler)
from .outbox import enqueue, enqueue_many, kick_relay, relay, retry_failed
from .timers import run_timers
from .messages import message_post, message_side, messages_mark_read
from ..refusals import Refused
from .status_links import status_link_issue, status_link_resolve, status_link_revoke
from .transitions import (
    TransitionRefused,
    available_transitions,
    dossier_create,
    is_generic,
    perform,
    record_event,
    transition_label,
    transitions_of,
)

__all__ = [
    "BallotError",
    "Refused",
    "TransitionRefused",
    "available_transitions",
    "ballot_cancel",
    "ballot_close_early",
    "ballot_close_if_due",
    "ballot_lapse",
    "ballot_open",
    "close_due_ballots",
    "conflict_declare",
    "dossier_create",
    "is_generic",
    "due_ballot_ids",
    "enqueue",
    "enqueue_many",
    "kick_relay",
    "may_open_ballot",
    "may_record_meeting_votes",
    "meeting_votes_confirm",
    "meeting_votes_record",
    "message_post",
    "message_side",
    "messages_mark_read",
    "notification_text",
    "notify",
    "open_ballots_cancel",
    "perform",
    "record_event",
    "relay",
    "retry_failed",
    "run_timers",
    "status_link_issue",
    "status_link_resolve",
    "status_link_revoke",
    "tally",
    "transition_label",
    "transitions_of",
    "vote_cast",
]
