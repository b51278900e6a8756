"""The public check of a letter: authentic or not, and is this file it."""

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from ...models import Letter
from .common import CODE_ALPHABET, CODE_LENGTH, normalise_code


# --- verification -------------------------------------------------------------------------------


@dataclass
class Verification:
    authentic: bool
    reference: str = ""
    issued_on: date | None = None
    file_checked: bool = False
    file_matches: bool = False
    file_replaced: bool = False  # matches an earlier revision, since replaced
    notes: list = field(default_factory=list)


def letter_verify(*, code: str, upload=None) -> Verification:
    """Whether a letter with this code exists, its reference and date, and
    whether an uploaded file (its .docx or PDF) is exactly that letter.
    Nothing else about the dossier."""
    normalised = normalise_code(code)
    letter = None
    if len(normalised) == CODE_LENGTH and set(normalised) <= set(CODE_ALPHABET):
        letter = (
            Letter.objects.filter(verification_code=normalised)
            .only("reference", "issued_at", "sha256", "pdf_sha256", "previous_hashes")
            .first()
        )
    if letter is None:
        return Verification(authentic=False)
    result = Verification(authentic=True, reference=letter.reference, issued_on=timezone.localtime(letter.issued_at).date())
    if upload is not None:
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        found = digest.hexdigest()
        result.file_checked = True
        result.file_matches = any(hmac.compare_digest(found, h) for h in (letter.sha256, letter.pdf_sha256) if h)
        if not result.file_matches:
            earlier = [h for entry in letter.previous_hashes for h in (entry.get("sha256"), entry.get("pdf_sha256")) if h]
            result.file_replaced = any(hmac.compare_digest(found, h) for h in earlier)
    return result
