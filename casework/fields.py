"""EncryptedTextField: a TextField stored as a Fernet token.

Why not django-fernet-encrypted-fields: it derives its keys from SECRET_KEY
(rotating the session secret would then mean re-encrypting every case),
returns the ciphertext as if it were the value when decryption fails, and
marks "already decrypted" on the shared field object, which races between
threads. This field is a few lines over cryptography's MultiFernet with its
own keys (see casework.crypto), fails loudly, and supports rotation.

Never filter, order or index on an encrypted field: every encryption of the
same value differs, so only `isnull` is allowed. Search on the plain,
non-identifying fields (code name, country, profile, urgency, state).
"""

from django.core.exceptions import FieldError
from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    description = "Text encrypted at rest (Fernet)"

    def __init__(self, *args, **kwargs):
        if kwargs.get("unique") or kwargs.get("db_index"):
            raise TypeError("An encrypted field cannot be unique or indexed.")
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            # Empty stays empty: erasure and "not given" must be visible.
            return value
        return crypto.encrypt(str(value))

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            raise FieldError(f"Encrypted field {self.name!r} cannot be searched ({lookup_name}).")
        return super().get_lookup(lookup_name)
