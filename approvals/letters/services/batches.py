"""The chair's regeneration of many letters at once, followed item by item.

The items go to the worker in chunks (RELAIS_LETTER_BATCH_CHUNK, 20 by
default): one outbox message renders a chunk's letters, then converts their
PDFs in one LibreOffice call, and commits; the progress page moves on chunk
by chunk.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from ...models import LetterBatch, LetterBatchItem
from ...services import enqueue
from ..selectors import decisions_for_letters
from .common import LetterError
from .issuing import decision_letter_issue, letter_pdf_convert_many

log = logging.getLogger(__name__)

MAX_BATCH = 200


def chunk_size() -> int:
    return max(1, int(getattr(settings, "RELAIS_LETTER_BATCH_CHUNK", 20)))


# --- regeneration in batches --------------------------------------------------------------------


@transaction.atomic
def letter_batch_create(*, by, decision_ids) -> LetterBatch:
    """The chair (re)generates the letters of several decisions at once;
    each is done in the background and the batch shows the progress."""
    try:
        wanted = {int(pk) for pk in decision_ids}
        if not all(0 < pk < 2**63 for pk in wanted):
            raise ValueError("out of range")
    except (TypeError, ValueError):
        raise LetterError(_("La sélection de décisions est invalide.")) from None
    if not wanted:
        raise LetterError(_("Choisissez au moins une décision."))
    if len(wanted) > MAX_BATCH:
        raise LetterError(_("Choisissez au plus %(max)d décisions à la fois.") % {"max": MAX_BATCH})
    allowed = set(decisions_for_letters(by).filter(pk__in=wanted).values_list("pk", flat=True))
    if allowed != wanted:
        raise LetterError(_("Vous ne pouvez produire que les lettres des décisions de vos comités."), status=403)
    batch = LetterBatch.objects.create(created_by=by)
    items = LetterBatchItem.objects.bulk_create(
        [LetterBatchItem(batch=batch, decision_id=pk) for pk in sorted(wanted)]
    )
    size = chunk_size()
    for start in range(0, len(items), size):
        chunk = [item.pk for item in items[start : start + size]]
        enqueue("letter.batch.chunk", {"items": chunk}, key=f"letter-batch-chunk:{chunk[0]}")
    return batch


@transaction.atomic
def letter_batch_chunk_run(*, item_ids) -> list[LetterBatchItem]:
    """Some decisions of a batch: regenerate their letters one by one (a
    failure is recorded on its item, the chair sees it, the rest go on),
    then make their PDFs together (letter_pdf_convert_many; a PDF that
    fails is recorded on its letter, administrators retry it)."""
    items = [_regenerate(item_id) for item_id in item_ids]
    fresh = [
        (item.letter.pk, item.letter.revision)
        for item in items
        if item.status == LetterBatchItem.Status.DONE
        and item.letter is not None
        and item.letter.pdf_status == item.letter.PdfStatus.PENDING
    ]
    if fresh:
        letter_pdf_convert_many(letters=fresh)
    return items


def letter_batch_item_run(*, item_id: int) -> LetterBatchItem:
    """One decision of a batch (messages queued before batches went by chunks)."""
    return letter_batch_chunk_run(item_ids=[item_id])[0]


def _regenerate(item_id: int) -> LetterBatchItem:
    item = LetterBatchItem.objects.select_for_update().select_related("batch").get(pk=item_id)
    if item.status != LetterBatchItem.Status.PENDING:
        return item
    try:
        with transaction.atomic():
            letter = decision_letter_issue(
                decision_id=item.decision_id, regenerate=True, by=item.batch.created_by, queue_pdf=False
            )
    except Exception as exc:  # recorded for the chair; the other letters go on
        item.status = LetterBatchItem.Status.FAILED
        item.error = f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}"[:300]
        log.warning("Letter regeneration failed for batch item %s (%s).", item.pk, type(exc).__name__)
    else:
        item.letter = letter
        if letter is None:
            item.status = LetterBatchItem.Status.SKIPPED
        elif letter.render_status == letter.RenderStatus.FAILED:
            item.status = LetterBatchItem.Status.FAILED
            item.error = letter.render_error[:300]
        else:
            item.status = LetterBatchItem.Status.DONE
    item.save(update_fields=["status", "error", "letter"])
    return item
