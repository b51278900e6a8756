"""Writes on the donor map and exchange rates."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..models import ExchangeRate, Funder, FunderContact, FunderCountry, FunderEvent
from ..permissions import may_manage_funders, may_record_rates

FUNDER_FIELDS = ("name", "acronym", "kind", "website", "usual_grant_min", "usual_grant_max", "currency", "relationship", "priorities", "language")


def _require(allowed: bool):
    if not allowed:
        raise PermissionDenied(_("Vous n'avez pas le droit de modifier la cartographie des bailleurs."))


def _set_countries(owner, rows_model, field: str, countries) -> None:
    wanted = set(countries or [])
    rows = rows_model.objects.filter(**{field: owner})
    rows.exclude(country__in=wanted).delete()
    existing = set(rows.values_list("country", flat=True))
    rows_model.objects.bulk_create([rows_model(**{field: owner, "country": code}) for code in sorted(wanted - existing)])


@transaction.atomic
def funder_create(*, by, name: str, theme_ids=(), countries=(), **fields) -> Funder:
    """A new funder on the donor map (names are unique, whatever the case)."""
    _require(may_manage_funders(by))
    funder = Funder(name=name.strip(), **{k: v for k, v in fields.items() if k in FUNDER_FIELDS})
    funder.full_clean()
    funder.save()
    funder.themes.set(theme_ids)
    _set_countries(funder, FunderCountry, "funder", countries)
    return funder


@transaction.atomic
def funder_update(*, funder_id: int, by, theme_ids=None, countries=None, **fields) -> Funder:
    _require(may_manage_funders(by))
    funder = Funder.objects.select_for_update().get(pk=funder_id)
    for name, value in fields.items():
        if name in FUNDER_FIELDS:
            setattr(funder, name, value.strip() if name == "name" else value)
    funder.full_clean()
    funder.save()
    if theme_ids is not None:
        funder.themes.set(theme_ids)
    if countries is not None:
        _set_countries(funder, FunderCountry, "funder", countries)
    return funder


@transaction.atomic
def funder_contact_add(*, funder_id: int, by, name: str, position: str = "", email: str = "", phone: str = "", notes: str = "") -> FunderContact:
    _require(may_manage_funders(by))
    contact = FunderContact(funder_id=funder_id, name=name, position=position, email=email, phone=phone, notes=notes)
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def funder_contact_remove(*, contact_id: int, by) -> None:
    _require(may_manage_funders(by))
    FunderContact.objects.filter(pk=contact_id).delete()


@transaction.atomic
def funder_event_add(*, funder_id: int, by, happened_on, kind: str, summary: str, amount=None, currency: str = "") -> FunderEvent:
    """A step of the network's history with this funder."""
    _require(may_manage_funders(by))
    if amount is not None and not currency:
        raise ValidationError({"currency": _("Indiquez la devise du montant.")})
    event = FunderEvent(
        funder_id=funder_id, happened_on=happened_on, kind=kind, summary=summary, amount=amount, currency=currency, recorded_by=by
    )
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def exchange_rate_record(*, by, from_currency: str, to_currency: str, rate, valid_on, source: str = "") -> ExchangeRate:
    """Record 1 from_currency = rate to_currency on a date; never overwrites a
    recorded rate (a figure converted with it must stay explainable)."""
    if not may_record_rates(by):
        raise PermissionDenied(_("Vous n'avez pas le droit d'enregistrer des taux de change."))
    record = ExchangeRate(
        from_currency=from_currency, to_currency=to_currency, rate=rate, valid_on=valid_on, source=source, recorded_by=by
    )
    if from_currency == to_currency:
        raise ValidationError({"to_currency": _("Choisissez deux devises différentes.")})
    if rate is None or rate <= 0:
        raise ValidationError({"rate": _("Le taux doit être supérieur à zéro.")})
    record.full_clean()
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        raise ValidationError(_("Un taux est déjà enregistré pour ces devises à cette date.")) from None
    return record
