"""Issuing letters: templates uploaded, letters rendered after a decision or
on request, their PDF copies."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from ...models import Decision, Letter, LetterTemplate
from ...registry import dossier_model_for_key
from ...services import enqueue
from ..kinds import LETTER_KINDS
from ..pdf import PdfConversionFailed, to_pdf, to_pdf_many
from ...uploads import DOCX, inspect_upload, upload_policy
from ..rendering import TemplateRefused, check_template, plain
from .common import (
    LetterError,
    _digest,
    _dossier_context,
    _engine_context,
    _new_letter,
    _write,
    current_template,
    letter_language,
)

log = logging.getLogger(__name__)

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
# The archive is inspected (streamed under caps) BEFORE docxtpl opens it.
LETTER_TEMPLATE = upload_policy(
    "letter_template",
    types=(DOCX,),
    max_bytes=MAX_TEMPLATE_BYTES,
    description="Modèle de lettre (.docx) déposé dans l'administration",
)


def letter_template_inspect(content, *, name: str | None = None) -> bytes:
    """The template's bytes once inspected as a .docx, or TemplateRefused with the reason."""
    try:
        return inspect_upload(content, accept=LETTER_TEMPLATE, name=name).content
    except ValidationError as error:
        if error.code == "bad_type":
            raise TemplateRefused([_("Ce fichier ne s'ouvre pas comme un document Word (.docx).")]) from None
        raise TemplateRefused(list(error.messages)) from None


# --- templates ---------------------------------------------------------------------------


@transaction.atomic
def letter_template_upload(*, kind: str, language: str, content: bytes, by, original_name: str = "", note: str = "") -> LetterTemplate:
    """Add a new version of a kind's template in a language.

    The file must open, compile in the sandbox, reach nothing outside its
    data and read only the variables the kind provides (TemplateRefused
    lists every problem). Earlier versions stay for the letters they made.
    """
    if language not in {code for code, _label in settings.LANGUAGES}:
        raise LetterError(_("Langue inconnue : %(language)s.") % {"language": language})
    content = letter_template_inspect(content, name=original_name or None)
    check_template(content, kind)
    latest = (
        LetterTemplate.objects.select_for_update().filter(kind=kind, language=language).aggregate(Max("version"))["version__max"]
    )
    return LetterTemplate.objects.create(
        kind=kind,
        language=language,
        version=(latest or 0) + 1,
        content=content,
        sha256=_digest(content),
        original_name=original_name[:200],
        note=note[:300],
        uploaded_by=by if by is not None and by.is_authenticated else None,
    )


# --- decision letters ----------------------------------------------------------------------


def _dossier_of(decision: Decision):
    model = decision.content_type.model_class()
    return model.objects.get(pk=decision.object_id)


@transaction.atomic
def decision_letter_issue(*, decision_id: int, regenerate: bool = False, by=None, queue_pdf: bool = True) -> Letter | None:
    """The letter that follows a decision, rendered once.

    Called again for the same decision it returns the same letter, unless
    `regenerate` (an explicit action) asks for a new revision of it. None
    when the dossier's kind sends no letter for this decision. Its PDF is
    queued (`letter.pdf`), unless `queue_pdf` is False: the caller then
    converts it (letter_pdf_convert_many).
    """
    # The decision's row lock queues concurrent issuers of its letter: the
    # second finds the letter the first made instead of making another.
    decision = Decision.objects.select_for_update(of=("self",)).select_related("committee", "content_type").get(pk=decision_id)
    dossier = _dossier_of(decision)
    kind = dossier.letter_kind(decision)
    if not kind:
        return None
    if kind not in LETTER_KINDS:
        raise LetterError(f"unknown letter kind {kind!r}")
    source_key = f"decision:{decision.pk}:{kind}"
    letter = Letter.objects.select_for_update().filter(source_key=source_key).first()
    if letter is not None and not regenerate:
        return letter
    recipient = dossier.letter_recipient()
    template = current_template(kind, letter_language(recipient, dossier))
    if letter is None:
        letter = _new_letter(source_key=source_key, kind=kind, dossier=dossier, decision=decision)
    with translation.override(template.language):
        context = _dossier_context(dossier, kind, plain(dossier.letter_context(decision)), recipient)
        context.update(_engine_context(letter, language=template.language, decision=decision))
    return _write(letter, template=template, context=context, recipient=recipient, by=by, queue_pdf=queue_pdf)


# --- letters that follow no decision ------------------------------------------------------


def letter_request(*, dossier, kind: str, extra_context: dict | None = None, by=None):
    """Queue a letter that follows no committee decision (e.g. information
    requested), to render in the background in the recipient's language.

    Call it inside the transaction of the change that causes it (a dossier's
    `transitioned` hook): if that change rolls back, no letter is sent. The
    template reads the dossier's `letter_context(None)` plus `extra_context`
    (plain data: str, int, lists, dicts; it is stored as given).
    """
    if kind not in LETTER_KINDS:
        raise LetterError(f"unknown letter kind {kind!r}")
    extra = plain(extra_context or {})
    return enqueue(
        "letter.render",
        {
            "model": type(dossier).kind_key(),
            "dossier": dossier.pk,
            "kind": kind,
            "extra_context": extra,
            "by": by.pk if by is not None and getattr(by, "is_authenticated", False) else None,
        },
    )


@transaction.atomic
def requested_letter_issue(*, source: str, payload: dict, again: bool = False) -> Letter:
    """Render the letter a `letter_request()` queued; once per request
    (`again` renders a letter whose render failed once more)."""
    source_key = f"request:{source}"
    letter = Letter.objects.select_for_update().filter(source_key=source_key).first()
    if letter is not None and not (again and letter.render_status == Letter.RenderStatus.FAILED):
        return letter
    model = dossier_model_for_key(payload["model"])
    if model is None:
        raise LetterError(f"unknown dossier kind {payload['model']!r}")
    dossier = model.objects.get(pk=payload["dossier"])
    kind = payload["kind"]
    recipient = dossier.letter_recipient()
    template = current_template(kind, letter_language(recipient, dossier))
    if letter is None:
        letter = _new_letter(source_key=source_key, kind=kind, dossier=dossier)
    by = None
    if payload.get("by"):
        from django.contrib.auth import get_user_model

        by = get_user_model().objects.filter(pk=payload["by"]).first()
    with translation.override(template.language):
        own = {**plain(dossier.letter_context(None)), **plain(payload.get("extra_context") or {})}
        context = _dossier_context(dossier, kind, own, recipient)
        context.update(_engine_context(letter, language=template.language, decision=None))
    return _write(letter, template=template, context=context, recipient=recipient, by=by)


# --- PDF -----------------------------------------------------------------------------------------


def letter_pdf_convert(*, letter_id: int, revision: int) -> Letter | None:
    """Make the PDF copy of one revision of a letter.

    LibreOffice runs with no lock held on the letter; the result is recorded
    only if the letter was not regenerated meanwhile. A failure is recorded
    on the letter (administrators see it) and the .docx stays available.
    """
    letter = Letter.objects.filter(pk=letter_id).first()
    if letter is None or letter.revision != revision or letter.pdf_status != Letter.PdfStatus.PENDING or not letter.file:
        return letter
    with letter.file.open("rb") as handle:
        docx = handle.read()
    try:
        result = to_pdf(docx)
    except PdfConversionFailed as exc:
        result = exc
    return _record_pdf(letter_id, revision, result)


def letter_pdf_convert_many(*, letters: list[tuple[int, int]]) -> list[Letter]:
    """Make the PDF copies of many letters in few LibreOffice calls.

    `letters` holds (letter id, revision) pairs; those regenerated since, or
    whose PDF is no longer pending, are left alone. Each result is recorded
    as letter_pdf_convert records it. Returns the letters recorded.
    """
    wanted = dict(letters)
    current = {
        letter.pk: letter
        for letter in Letter.objects.filter(pk__in=list(wanted), pdf_status=Letter.PdfStatus.PENDING)
        if letter.revision == wanted[letter.pk]
    }
    ids = [pk for pk, _revision in letters if pk in current]
    docxs = []
    for pk in ids:
        with current[pk].file.open("rb") as handle:
            docxs.append(handle.read())
    results = to_pdf_many(docxs) if docxs else []
    return [_record_pdf(pk, wanted[pk], result) for pk, result in zip(ids, results)]


def _record_pdf(letter_id: int, revision: int, result: bytes | PdfConversionFailed) -> Letter:
    if isinstance(result, PdfConversionFailed):
        log.warning("PDF conversion failed for letter %s revision %s.", letter_id, revision)
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter_id)
        if letter.revision != revision:
            return letter
        if isinstance(result, bytes):
            letter.pdf_file.save(f"{letter.reference}-r{letter.revision}.pdf", ContentFile(result), save=False)
            letter.pdf_sha256 = _digest(result)
            letter.pdf_status = Letter.PdfStatus.DONE
            letter.pdf_error = ""
        else:
            letter.pdf_status = Letter.PdfStatus.FAILED
            letter.pdf_error = str(result)[:1000]
        letter.save(update_fields=["pdf_file", "pdf_sha256", "pdf_status", "pdf_error"])
    return letter


@transaction.atomic
def letter_pdf_retry(*, letter_ids) -> int:
    """Administrators ask again for the PDF of letters whose conversion failed."""
    count = 0
    for letter in Letter.objects.select_for_update().filter(pk__in=list(letter_ids), pdf_status=Letter.PdfStatus.FAILED):
        letter.pdf_status = Letter.PdfStatus.PENDING
        letter.pdf_error = ""
        letter.save(update_fields=["pdf_status", "pdf_error"])
        enqueue("letter.pdf", {"letter": letter.pk, "revision": letter.revision})
        count += 1
    return count


# --- letters whose render failed -------------------------------------------------------------------


@transaction.atomic
def letter_render_retry(*, letter_ids, by=None) -> int:
    """Ask again for the letters whose render failed (their template went
    past a letter's limits), typically once the template is fixed. Each is
    rendered in the background with the template then in force."""
    count = 0
    for letter in Letter.objects.select_for_update().filter(pk__in=list(letter_ids), render_status=Letter.RenderStatus.FAILED):
        by_id = by.pk if by is not None and getattr(by, "is_authenticated", False) else None
        enqueue("letter.rerender", {"letter": letter.pk, "by": by_id})
        count += 1
    return count


@transaction.atomic
def letter_render_again(*, letter_id: int, by_id=None) -> Letter | None:
    """Render a failed letter again, by the way it was first made; a letter
    rendered meanwhile is left as it is."""
    letter = Letter.objects.filter(pk=letter_id).first()
    if letter is None or letter.render_status != Letter.RenderStatus.FAILED:
        return letter
    origin, _sep, source = letter.source_key.partition(":")
    if letter.decision_id is not None:
        from django.contrib.auth import get_user_model

        by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
        return decision_letter_issue(decision_id=letter.decision_id, regenerate=True, by=by)
    if origin == "request":
        from ...models import OutboxMessage

        request = OutboxMessage.objects.get(pk=int(source))
        return requested_letter_issue(source=source, payload=request.payload, again=True)
    if origin == "meeting":
        from .meetings import meeting_minutes_issue

        return meeting_minutes_issue(meeting_id=letter.meeting_id, language=letter.language, revision=letter.revision, by_id=by_id)
    raise LetterError(f"letter {letter.pk} has an unknown origin")
