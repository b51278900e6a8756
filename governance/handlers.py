"""Outbox handlers of governance: thin, ids in, one service call, safe to run twice."""

from approvals.registry import outbox_handler

from .services import election_minutes, meetings


@outbox_handler("meeting.mail")
def send_meeting_mail(payload, message):
    meetings.meeting_mail_deliver(
        meeting_id=payload["meeting"], person_id=payload["person"], kind=payload["kind"], version=payload["version"]
    )


@outbox_handler("election.minutes")
def issue_election_minutes(payload, message):
    election_minutes.election_minutes_issue(
        election_id=payload["election"], language=payload["language"], revision=payload["revision"], by_id=payload.get("by")
    )
