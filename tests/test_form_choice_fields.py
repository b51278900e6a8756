"""Every form of the project answers an impossible id with a form error.

The project's forms are enumerated (every Form or ModelForm class defined in
accounts, approvals, members, grants and casework): each model choice field
must be one of accounts.formfields' fields, which check the value against the
key column before any query. A new form with Django's own field fails here.
"""

import importlib
import pkgutil
from pathlib import Path

import pytest
from django import forms

from accounts.formfields import ModelChoiceField, ModelMultipleChoiceField

APPS = ("accounts", "approvals", "members", "grants", "casework")
ROOT = Path(__file__).resolve().parents[1]
HUGE = "99999999999999999999999999999"


def _import_everything():
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, prefix=f"{app}."):
            if ".migrations" in module.name or ".management" in module.name:
                continue
            importlib.import_module(module.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def project_forms():
    _import_everything()
    found = {sub for sub in _subclasses(forms.BaseForm) if sub.__module__.split(".")[0] in APPS}
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def test_the_enumeration_finds_the_forms_with_choice_fields():
    names = {f"{cls.__module__}.{cls.__qualname__}" for cls in project_forms()}
    # a few we know of, so that an import failure cannot make the test pass empty
    assert {"members.forms.ApplicationForm", "grants.forms.ProposalForm", "casework.forms.ProposalForm",
            "approvals.letters.forms.MeetingRecordForm", "accounts.forms.UserChangeAdminForm"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", project_forms(), ids=lambda cls: f"{cls.__module__}.{cls.__qualname__}")
def test_every_model_choice_field_is_a_safe_one(form_class):
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.ModelMultipleChoiceField):
            assert isinstance(field, ModelMultipleChoiceField), f"{form_class.__name__}.{name}: use accounts.formfields"
        elif isinstance(field, forms.ModelChoiceField):
            assert isinstance(field, ModelChoiceField), f"{form_class.__name__}.{name}: use accounts.formfields"
        else:
            continue
        if field.queryset is not None:
            value = [HUGE] if isinstance(field, forms.ModelMultipleChoiceField) else HUGE
            with pytest.raises(forms.ValidationError):
                field.clean(value)
            with pytest.raises(forms.ValidationError):
                field.clean(["1\x00"] if isinstance(field, forms.ModelMultipleChoiceField) else "1\x00")


def test_no_form_builds_a_django_model_choice_field_at_run_time():
    """Fields added in a form's __init__ escape base_fields: the source says."""
    offenders = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts or path.name == "formfields.py":
                continue
            source = path.read_text()
            for needle in ("forms.ModelChoiceField", "forms.ModelMultipleChoiceField", "modelform_factory(", "ModelForm):"):
                if needle in source and not (needle == "ModelForm):" and "formfield_callback = formfield" in source):
                    offenders.append(f"{path.relative_to(ROOT)}: {needle}")
    assert offenders == []
