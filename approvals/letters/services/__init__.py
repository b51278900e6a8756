"""Letters: the writes. One function per intention, keyword-only.

Rendering follows a decision through the outbox (`decision.recorded`), so a
letter is never lost and never issued twice: one letter per decision (a
unique source key), re-rendered only on an explicit regeneration, which
keeps the letter's reference and verification code and bumps its revision.
The PDF copy is its own outbox message (`letter.pdf`): LibreOffice runs
without holding any lock on the letter.
"""


from .batches import MAX_BATCH, letter_batch_chunk_run, letter_batch_create, letter_batch_item_run
from .common import LetterError, current_template, letter_language, new_verification_code, normalise_code
from .issuing import (
    decision_letter_issue,
    letter_pdf_convert,
    letter_pdf_convert_many,
    letter_pdf_retry,
    letter_render_again,
    letter_render_retry,
    letter_request,
    letter_template_upload,
    requested_letter_issue,
)
from .meetings import (
    meeting_agenda_item_add,
    meeting_agenda_item_decide,
    meeting_agenda_refresh,
    meeting_create,
    meeting_minutes_issue,
    meeting_minutes_request,
    meeting_record,
    register_minutes_hook,
)
from .verification import Verification, letter_verify

__all__ = [
    "MAX_BATCH",
    "LetterError",
    "Verification",
    "current_template",
    "decision_letter_issue",
    "letter_batch_chunk_run",
    "letter_batch_create",
    "letter_batch_item_run",
    "letter_language",
    "letter_pdf_convert",
    "letter_pdf_convert_many",
    "letter_pdf_retry",
    "letter_render_again",
    "letter_render_retry",
    "letter_request",
    "letter_template_upload",
    "letter_verify",
    "meeting_agenda_item_add",
    "meeting_agenda_item_decide",
    "meeting_agenda_refresh",
    "meeting_create",
    "meeting_minutes_issue",
    "meeting_minutes_request",
    "meeting_record",
    "new_verification_code",
    "register_minutes_hook",
    "normalise_code",
    "requested_letter_issue",
]
