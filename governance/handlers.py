"""Outbox handlers of governance: thin, ids in, one service call, safe to run twice."""

from approvals.registry import outbox_handler

from .services import meetings


@outbox_handler("meeting.mail")
def send_meeting_mail(payload, message):
    meetings.meeting_mail_deliver(
        meeting_id=payload["meeting"], person_id=payload["person"], kind=payload["kind"], version=payload["version"]
    )
