"""Outbox handlers of governance: thin, ids in, one service call, safe to run twice."""

from approvals.registry import outbox_handler

from . import services


@outbox_handler("election.minutes")
def issue_election_minutes(payload, message):
    services.election_minutes_issue(
        election_id=payload["election"], language=payload["language"], revision=payload["revision"], by_id=payload.get("by")
    )
