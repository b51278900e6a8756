"""What an attacker with the database alone would read."""

from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from casework.models import Case

from .factories import LEGAL_NAME, NARRATIVE, PHONE, WHEREABOUTS, make_case


def _raw(case, *columns):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM casework_case WHERE id = %s", [case.pk])
        return cursor.fetchone()


def test_encrypted_columns_hold_no_plaintext(db):
    # given a case with a name, a phone, a place and a story
    case = make_case()

    # when the table is read with raw SQL
    legal_name, phone, whereabouts, narrative, code_name, country = _raw(
        case, "legal_name", "phone", "whereabouts", "threat_narrative", "code_name", "country"
    )

    # then none of them is there in clear, and the plain fields stay searchable
    for stored, secret in ((legal_name, LEGAL_NAME), (phone, PHONE), (whereabouts, WHEREABOUTS), (narrative, NARRATIVE)):
        assert secret not in stored and stored.startswith("gAAAAA")
    everything = " ".join(str(value) for value in _raw(case, "*"))
    for secret in (LEGAL_NAME, "Mabiala", PHONE, "555 12 34", "Moungali", "Zanaga"):
        assert secret not in everything
    assert (code_name, country) == ("Colibri-7", "CG")
    assert Case.objects.filter(code_name__icontains="colibri").get().legal_name == LEGAL_NAME


def test_the_same_value_encrypts_differently_each_time(db):
    first, second = make_case(), make_case()
    assert _raw(first, "legal_name") != _raw(second, "legal_name")


def test_rotation_new_key_first_old_key_still_reads_then_retires(db, settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.RELAIS_FIELD_ENCRYPTION_KEYS = [old]
    case = make_case()
    (before,) = _raw(case, "legal_name")

    # a new key goes first: what the old key wrote still reads
    settings.RELAIS_FIELD_ENCRYPTION_KEYS = [new, old]
    assert Case.objects.get(pk=case.pk).legal_name == LEGAL_NAME

    # re-encrypted with the new key, the old one can go
    call_command("rotate_encryption_keys", stdout=open("/dev/null", "w"))
    (after,) = _raw(case, "legal_name")
    assert after != before
    settings.RELAIS_FIELD_ENCRYPTION_KEYS = [new]
    assert Case.objects.get(pk=case.pk).legal_name == LEGAL_NAME
    assert Case.objects.get(pk=case.pk).threat_narrative == NARRATIVE


def test_a_value_no_key_can_read_fails_loudly(db, settings):
    import pytest

    from casework.crypto import DecryptionError

    settings.RELAIS_FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    case = make_case()
    settings.RELAIS_FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(DecryptionError):
        Case.objects.get(pk=case.pk)


def test_encrypted_fields_cannot_be_searched(db):
    import pytest
    from django.core.exceptions import FieldError

    with pytest.raises(FieldError):
        Case.objects.filter(legal_name=LEGAL_NAME).exists()


def test_production_refuses_to_run_without_keys(settings):
    from casework.checks import field_encryption_keys_in_production

    settings.PRODUCTION = True
    settings.RELAIS_FIELD_ENCRYPTION_KEYS = []
    assert [e.id for e in field_encryption_keys_in_production(None)] == ["casework.E001"]
    settings.RELAIS_FIELD_ENCRYPTION_KEYS = ["not-a-key"]
    assert [e.id for e in field_encryption_keys_in_production(None)] == ["casework.E002"]
    settings.RELAIS_FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    assert field_encryption_keys_in_production(None) == []
