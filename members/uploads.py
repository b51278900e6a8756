"""The membership form's documents: what they may be, and how heavy.

The checking itself is approvals.uploads.inspect_upload, shared by every
upload path of Relais."""

from django.conf import settings

from approvals.uploads import DOCX, JPEG, ODT, PDF, PNG, inspect_upload, upload_policy

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def max_upload_bytes() -> int:
    return int(getattr(settings, "RELAIS_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


APPLICATION_DOCUMENT = upload_policy(
    "membership_document",
    types=(PDF, PNG, JPEG, DOCX, ODT),
    max_bytes=max_upload_bytes,
    description="Statuts, récépissé, rapport d'activité du formulaire d'adhésion public",
)


def check_upload(uploaded):
    """The checked file (type, extension, size, sha256, content to store), or ValidationError."""
    return inspect_upload(uploaded, accept=APPLICATION_DOCUMENT)
