"""Choice fields that answer a bad id with a form error, never a 500.

Django's ModelChoiceField and ModelMultipleChoiceField pass what was posted
to the database: an id such as 99999999999999999999999999999 (out of the
column's range) or a value holding a NUL byte then fails in the database
driver, and the request ends in a 500 — also for anonymous users on the
public forms. These subclasses check each value against the key column
before any query and refuse it as an invalid choice.

Every form of the project uses them: declared fields directly, model forms
through `formfield_callback` in their Meta (a foreign key or many-to-many
field then gets one of these). tests/test_form_choice_fields.py enumerates
the project's forms and fails on any other model choice field.
"""

from django import forms
from django.db import connection, models


def _key_field(field):
    queryset = field.queryset
    if queryset is None:
        return None
    model = queryset.model
    return model._meta.get_field(field.to_field_name) if field.to_field_name else model._meta.pk


def _acceptable(key_field, value) -> bool:
    """Could `value` be a value of `key_field` at all (type and range)?"""
    if key_field is None:
        return True
    if isinstance(value, models.Model):
        return True
    text = str(value)
    if "\x00" in text:
        return False
    internal = key_field.get_internal_type()
    if isinstance(key_field, (models.IntegerField, models.AutoField)) or internal.endswith("IntegerField") or internal.endswith("AutoField"):
        try:
            number = int(text.strip())
        except (TypeError, ValueError):
            return False
        low, high = connection.ops.integer_field_range(internal)
        # SQLite and others may leave a bound open (None): fall back to 64 bits.
        low = -(2**63) if low is None else low
        high = 2**63 - 1 if high is None else high
        return low <= number <= high
    return True


class ModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that refuses impossible ids as an invalid choice."""

    def to_python(self, value):
        if value not in self.empty_values and not _acceptable(_key_field(self), value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses impossible ids as invalid."""

    def _check_values(self, value):
        key_field = _key_field(self)
        try:
            values = frozenset(value)
        except TypeError:
            raise forms.ValidationError(self.error_messages["invalid_list"], code="invalid_list") from None
        for item in values:
            if not _acceptable(key_field, item):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": str(item)[:40]}
                )
        return super()._check_values(value)


def formfield(db_field, **kwargs):
    """`Meta.formfield_callback` for model forms: relations get the safe fields."""
    if isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    elif isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", ModelChoiceField)
    return db_field.formfield(**kwargs)
