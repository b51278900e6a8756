"""The chair's regeneration of many letters at once, followed item by item."""

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from ...models import LetterBatch, LetterBatchItem
from ...services import enqueue
from ..selectors import decisions_for_letters
from .common import LetterError
from .issuing import decision_letter_issue

log = logging.getLogger(__name__)

MAX_BATCH = 200


# --- regeneration in batches --------------------------------------------------------------------


@transaction.atomic
def letter_batch_create(*, by, decision_ids) -> LetterBatch:
    """The chair (re)generates the letters of several decisions at once;
    each is done in the background and the batch shows the progress."""
    try:
        wanted = {int(pk) for pk in decision_ids}
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
    for item in items:
        enqueue("letter.batch", {"item": item.pk}, key=f"letter-batch-item:{item.pk}")
    return batch


@transaction.atomic
def letter_batch_item_run(*, item_id: int) -> LetterBatchItem:
    """One decision of a batch: regenerate its letter; a failure is recorded
    on the item (the chair sees it) instead of blocking the rest."""
    item = LetterBatchItem.objects.select_for_update().select_related("batch").get(pk=item_id)
    if item.status != LetterBatchItem.Status.PENDING:
        return item
    try:
        with transaction.atomic():
            letter = decision_letter_issue(decision_id=item.decision_id, regenerate=True, by=item.batch.created_by)
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
