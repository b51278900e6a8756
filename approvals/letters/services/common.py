"""What every kind of letter shares: codes, language, template choice, the
engine's context keys, and writing one revision of a letter."""

import hashlib
import logging
import secrets
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from ...models import Decision, Letter, LetterTemplate, Outcome, next_reference
from ...refusals import Refused
from ...services import enqueue
from ..kinds import LETTER_KINDS
from ..rendering import letter_date_format, LetterContextError, RenderLimitExceeded, plain, render

log = logging.getLogger(__name__)

# Crockford's base32: no I, L, O, U; readable over the phone, safe in a URL.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 24  # 120 bits


class LetterError(Refused):
    """A letter action that may not happen; nothing was changed."""

    default_status = 400


# --- helpers ----------------------------------------------------------------------


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What a person typed, as stored: upper case, no spaces or dashes,
    the letters people confuse read as the digits they look like."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def letter_language(user, dossier=None) -> str:
    """The recipient's language; a dossier may name its own with an optional
    `letter_language()` hook (an emergency request without an account: the
    language it was made in)."""
    codes = {code for code, _label in settings.LANGUAGES}
    own = getattr(dossier, "letter_language", None)
    language = (own() if callable(own) else "") or getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
    return language if language in codes else settings.LANGUAGE_CODE


def current_template(kind: str, language: str) -> LetterTemplate:
    """The newest version for this kind and language (else the site's language)."""
    for candidate in dict.fromkeys([language, settings.LANGUAGE_CODE]):
        template = LetterTemplate.objects.filter(kind=kind, language=candidate).order_by("-version").first()
        if template is not None:
            return template
    raise LetterError(_("Aucun modèle de lettre « %(kind)s » n'est installé.") % {"kind": kind}, status=409)


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _logo_path() -> str:
    path = getattr(settings, "RELAIS_NETWORK_LOGO", "")
    return str(path) if path and Path(path).is_file() else ""


def _format_date(value) -> str:
    """A letter's dates read in full, in its language: 12 mars 2026, 12 March 2026."""
    if value is None:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return date_format(value, letter_date_format())


def _format_amount(amount) -> str:
    if amount is None:
        return ""
    amount = Decimal(amount)
    places = 0 if amount == amount.to_integral_value() else 2
    return number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)


def _network() -> dict:
    network = getattr(settings, "RELAIS_NETWORK", {})
    keys = ("name", "long_name", "address", "email", "signatory", "signatory_title")
    return {**{key: str(network.get(key, "")) for key in keys}, "logo": ""}


def _engine_context(letter: Letter, *, language: str, decision: Decision | None) -> dict:
    """The keys every letter has, in the letter's language (call under override)."""
    return {
        "network": _network(),
        "letter_reference": letter.reference,
        "committee_name": decision.committee.name if decision else "",
        "decision_reference": decision.reference if decision else "",
        "decision_date": _format_date(decision.decided_at) if decision else "",
        "outcome": str(Outcome(decision.outcome).label) if decision else "",
        "conditions": plain(decision.conditions) if decision else "",
        "amount": _format_amount(decision.amount) if decision else "",
        "currency": decision.currency if decision else "",
        "today": _format_date(letter.issued_at),
        "language": language,
        "verification_code": letter.display_code,
        "verify_url": f"{settings.RELAIS_SITE_URL}{reverse('letters:verify')}",
    }


def _dossier_context(dossier, kind: str, own: dict, recipient) -> dict:
    """The dossier's own keys, checked against the kind's contract."""
    context = {
        "recipient_name": str(recipient) if recipient is not None else "",
        "dossier_reference": dossier.reference,
        "dossier_title": "",
        **LETTER_KINDS[kind].defaults(),
        **own,
    }
    missing = sorted(key for key in LETTER_KINDS[kind].keys if key not in context)
    if missing:
        raise LetterContextError(f"{type(dossier).__name__}.letter_context() lacks {', '.join(missing)} for {kind}")
    return context


def _write(letter: Letter, *, template: LetterTemplate, context: dict, recipient, by=None, queue_pdf: bool = True) -> Letter:
    """Render, store and record one revision of `letter`; queue its PDF
    (unless the caller converts it itself, as the chair's batches do).

    A template that goes past a letter's limits (time, memory, widths,
    loops: RenderLimitExceeded) leaves the letter failed, with the reason,
    for the chair to see and ask again once the template is fixed; an
    earlier revision, if any, stays as it was.
    """
    try:
        content = render(bytes(template.content), context, logo_path=_logo_path())
    except RenderLimitExceeded as exc:
        return _write_failure(letter, template=template, recipient=recipient, by=by, error=str(exc))
    now = timezone.now()
    if letter.pk is not None and letter.file:
        letter.previous_hashes = [
            *letter.previous_hashes,
            {
                "revision": letter.revision,
                "sha256": letter.sha256,
                "pdf_sha256": letter.pdf_sha256,
                "file": letter.file.name,
                "pdf_file": letter.pdf_file.name if letter.pdf_file else "",
                "replaced_at": now.isoformat(),
            },
        ]
        letter.revision += 1
    letter.template = template
    letter.language = template.language
    letter.recipient = recipient if getattr(recipient, "pk", None) else None
    letter.rendered_at = now
    letter.rendered_by = by if by is not None and getattr(by, "is_authenticated", False) else None
    letter.sha256 = _digest(content)
    letter.file.save(f"{letter.reference}-r{letter.revision}.docx", ContentFile(content), save=False)
    letter.pdf_file = ""
    letter.pdf_sha256 = ""
    letter.pdf_status = Letter.PdfStatus.PENDING
    letter.pdf_error = ""
    letter.render_status = Letter.RenderStatus.DONE
    letter.render_error = ""
    letter.save()
    if queue_pdf:
        enqueue("letter.pdf", {"letter": letter.pk, "revision": letter.revision}, key=f"letter-pdf:{letter.pk}:{letter.revision}")
    return letter


def _write_failure(letter: Letter, *, template: LetterTemplate, recipient, by, error: str) -> Letter:
    if not letter.file:  # never rendered: the letter stands, without a file yet
        letter.template = template
        letter.language = template.language
        letter.recipient = recipient if getattr(recipient, "pk", None) else None
        letter.rendered_by = by if by is not None and getattr(by, "is_authenticated", False) else None
    letter.render_status = Letter.RenderStatus.FAILED
    letter.render_error = error[:1000]
    letter.save()
    # The reason names limits only, never the letter's content.
    log.warning("Letter %s was not rendered: its template went past a letter's limits.", letter.reference)
    return letter


def _new_letter(*, source_key: str, kind: str, dossier=None, decision=None, meeting=None) -> Letter:
    from django.contrib.contenttypes.models import ContentType

    letter = Letter(
        source_key=source_key,
        kind=kind,
        reference=next_reference("LET"),
        verification_code=new_verification_code(),
        decision=decision,
        meeting=meeting,
        issued_at=timezone.now(),
    )
    if dossier is not None:
        letter.content_type = ContentType.objects.get_for_model(type(dossier))
        letter.object_id = dossier.pk
        letter.dossier_reference = dossier.reference
        letter.sensitive = bool(type(dossier).sensitive)
    return letter
