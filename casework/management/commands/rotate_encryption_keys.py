"""Re-encrypt every encrypted value with the first key of
RELAIS_FIELD_ENCRYPTION_KEYS, so older keys can then be removed."""

import os

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from casework import crypto
from casework.fields import EncryptedTextField
from casework.models import CaseDocument


def _encrypted_fields():
    for model in apps.get_models():
        names = [field for field in model._meta.concrete_fields if isinstance(field, EncryptedTextField)]
        if names:
            yield model, names


class Command(BaseCommand):
    help = "Rechiffre les champs chiffrés et les documents des cas avec la première clé de RELAIS_FIELD_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        total_values = 0
        for model, fields in _encrypted_fields():
            table = connection.ops.quote_name(model._meta.db_table)
            pk = connection.ops.quote_name(model._meta.pk.column)
            columns = [connection.ops.quote_name(field.column) for field in fields]
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {pk} FROM {table} ORDER BY {pk}")  # noqa: S608 (names from the model)
                ids = [row[0] for row in cursor.fetchall()]
            for row_id in ids:
                with transaction.atomic(), connection.cursor() as cursor:
                    # Raw values: the ciphertexts as stored, re-encrypted without being shown.
                    cursor.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE {pk} = %s FOR UPDATE" if connection.vendor == "postgresql" else f"SELECT {', '.join(columns)} FROM {table} WHERE {pk} = %s", [row_id])  # noqa: S608
                    row = cursor.fetchone()
                    if row is None:
                        continue
                    updates = {column: crypto.rotate(value) for column, value in zip(columns, row) if value}
                    if updates:
                        assignments = ", ".join(f"{column} = %s" for column in updates)
                        cursor.execute(f"UPDATE {table} SET {assignments} WHERE {pk} = %s", [*updates.values(), row_id])  # noqa: S608
                        total_values += len(updates)
        files = 0
        for document in CaseDocument.objects.exclude(file="").iterator():
            with document.file.open("rb") as handle:
                token = handle.read()
            rotated = crypto.fernet().rotate(token)
            # Written beside, then swapped in: a crash never leaves half a file.
            path = document.file.path
            with open(f"{path}.rotating", "wb") as handle:
                handle.write(rotated)
            os.chmod(f"{path}.rotating", 0o600)
            os.replace(f"{path}.rotating", path)
            files += 1
        self.stdout.write(self.style.SUCCESS(f"{total_values} valeur(s) et {files} document(s) rechiffrés avec la clé courante."))
