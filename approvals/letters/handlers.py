"""Outbox handlers: thin, ids in, one service call, safe to run twice.

Imported at start-up (approvals.apps), so the relay finds them. The relay
(approvals.tasks.relay_outbox, a Celery task) delivers them after commit.
"""

from ..registry import outbox_handler
from . import services


@outbox_handler("decision.recorded")
def issue_decision_letter(payload, message):
    services.decision_letter_issue(decision_id=payload["decision"])


@outbox_handler("letter.render")
def issue_requested_letter(payload, message):
    services.requested_letter_issue(source=str(message.pk), payload=payload)


@outbox_handler("letter.minutes")
def issue_minutes(payload, message):
    services.meeting_minutes_issue(
        meeting_id=payload["meeting"], language=payload["language"], revision=payload["revision"], by_id=payload.get("by")
    )


@outbox_handler("letter.pdf")
def convert_letter_to_pdf(payload, message):
    services.letter_pdf_convert(letter_id=payload["letter"], revision=payload["revision"])


@outbox_handler("letter.batch.chunk")
def regenerate_batch_chunk(payload, message):
    services.letter_batch_chunk_run(item_ids=payload["items"])


@outbox_handler("letter.rerender")
def render_failed_letter_again(payload, message):
    services.letter_render_again(letter_id=payload["letter"], by_id=payload.get("by"))


@outbox_handler("letter.batch")
def regenerate_batch_item(payload, message):  # messages queued before batches went by chunks
    services.letter_batch_item_run(item_id=payload["item"])
