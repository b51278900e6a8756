"""Encryption at rest for the sensitive fields of emergency cases.

Keys come from settings.RELAIS_FIELD_ENCRYPTION_KEYS (Fernet keys, from the
environment variable of the same name, comma-separated). The first key
encrypts; every key decrypts, so a new key is put first, the old ones stay
behind it until `manage.py rotate_encryption_keys` has re-encrypted
everything, and are then removed.

Outside production, with no key set, one key is derived from SECRET_KEY so
that a developer's machine works out of the box; production refuses to run
without real keys (system check casework.E001 and `encryption_keys()`).
"""

import base64
import hashlib
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = ["DecryptionError", "InvalidToken", "decrypt", "decrypt_bytes", "encrypt", "encrypt_bytes", "encryption_keys"]


class DecryptionError(Exception):
    """A stored value could not be decrypted with any configured key.

    Raised rather than showing ciphertext or an empty value: a missing old
    key must be noticed, not papered over. The message names no value.
    """


def development_key() -> bytes:
    digest = hashlib.sha256(f"relais-field-encryption:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


def encryption_keys() -> tuple[bytes, ...]:
    configured = tuple(key.strip().encode() for key in getattr(settings, "RELAIS_FIELD_ENCRYPTION_KEYS", []) if key.strip())
    if configured:
        return configured
    if settings.PRODUCTION:
        raise ImproperlyConfigured("RELAIS_FIELD_ENCRYPTION_KEYS must be set when RELAIS_ENV=production.")
    return (development_key(),)


@lru_cache(maxsize=8)
def _fernet_for(keys: tuple[bytes, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def fernet() -> MultiFernet:
    return _fernet_for(encryption_keys())


def encrypt_bytes(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return fernet().decrypt(token)
    except InvalidToken:
        raise DecryptionError("A stored value could not be decrypted with the configured keys.") from None


def encrypt(value: str) -> str:
    return encrypt_bytes(value.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    return decrypt_bytes(token.encode("ascii")).decode("utf-8")


def rotate(token: str) -> str:
    """The same value, encrypted with the first (current) key."""
    try:
        return fernet().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken:
        raise DecryptionError("A stored value could not be decrypted with the configured keys.") from None


def keyed_hash(value: str, *, purpose: str) -> str:
    """A keyed, non-reversible fingerprint (e.g. of an IP address for the access log)."""
    import hmac

    key = hashlib.sha256(f"relais-{purpose}:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:32]
