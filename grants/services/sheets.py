"""Import of opportunities from the fundraising group's sheet (CSV or XLSX).

Two steps: upload → a preview where every wrong cell is named by its row and
column (read by grants.sheet_parsing); then "Importer" writes every row in one transaction. Nothing is
written while any row is wrong. The same call is recognised by its link, or
by its funder, title and full-proposal deadline, so importing the same sheet
again creates nothing: it reports "0 created, N unchanged".
"""

import hashlib
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals.services import dossier_create, record_event
from approvals.uploads import CSV, XLSX, download_name, inspect_upload, upload_policy

from ..models import Funder, Opportunity, OpportunityCountry, OpportunitySheet
from ..models.opportunities import natural_key_for, normalise_link
from ..permissions import may_import_opportunities
from ..selectors import find_existing
from ..sheet_parsing import COLUMNS, MAX_ROWS, ParsedSheet, SheetRow, parse_sheet, plain_key
from .funders import _set_countries

MAX_BYTES = 2 * 1024 * 1024
# Inspected (archives streamed under caps) before openpyxl opens anything.
OPPORTUNITY_SHEET = upload_policy(
    "opportunity_sheet",
    types=(CSV, XLSX),
    max_bytes=MAX_BYTES,
    description="Import de la feuille des appels (CSV ou XLSX)",
)

__all__ = ["COLUMNS", "MAX_BYTES", "MAX_ROWS", "ParsedSheet", "SheetRow", "parse_sheet", "sheet_import", "sheet_preview", "sheet_upload"]


# --- the two steps -----------------------------------------------------------------------


def _require(user):
    if not may_import_opportunities(user):
        raise PermissionDenied(_("Seul le groupe de travail Recherche de financement importe des opportunités."))


@transaction.atomic
def sheet_upload(*, by, filename: str, content: bytes) -> tuple[OpportunitySheet | None, ParsedSheet]:
    """Check an uploaded sheet. Kept for the import step only when every row
    is right; a wrong sheet leaves nothing behind."""
    _require(by)
    if len(content) > MAX_BYTES:
        parsed = ParsedSheet(errors=[_("Fichier trop lourd : 2 Mo au plus.")])
        return None, parsed
    try:
        checked = inspect_upload(content, accept=OPPORTUNITY_SHEET, name=filename or "")
    except ValidationError as error:
        return None, ParsedSheet(errors=list(error.messages))
    # Read as what it IS: an XLSX named .csv is read as a workbook, and the reverse.
    filename = download_name(filename or "feuille", checked.extension)
    parsed = parse_sheet(filename=filename, content=content)
    if not parsed.ok:
        return None, parsed
    sheet = OpportunitySheet.objects.create(
        filename=(filename or "feuille")[:255],
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        row_count=len(parsed.rows),
        uploaded_by=by,
    )
    return sheet, parsed


def sheet_preview(*, sheet_id: int, by) -> tuple[OpportunitySheet, ParsedSheet]:
    _require(by)
    sheet = OpportunitySheet.objects.get(pk=sheet_id)
    return sheet, parse_sheet(filename=sheet.filename, content=bytes(sheet.content))


FIELDS_FROM_SHEET = (
    "title",
    "link",
    "amount_min",
    "amount_max",
    "currency",
    "concept_note_deadline",
    "full_proposal_deadline",
    "deadline_timezone",
    "eligibility_notes",
)


@transaction.atomic
def sheet_import(*, sheet_id: int, by) -> OpportunitySheet:
    """Write every row of a checked sheet, all or nothing. A sheet already
    imported is not imported again (double clicks, retries)."""
    _require(by)
    sheet = OpportunitySheet.objects.select_for_update().get(pk=sheet_id)
    if sheet.status == OpportunitySheet.Status.IMPORTED:
        return sheet
    parsed = parse_sheet(filename=sheet.filename, content=bytes(sheet.content))
    if not parsed.ok:
        raise ValidationError(
            _("La feuille contient %(count)d erreur(s) : rien n'a été importé.") % {"count": parsed.error_count}
        )
    try:
        with transaction.atomic():
            created, updated, unchanged = _write_rows(parsed, sheet=sheet, by=by)
    except IntegrityError:
        # Another import recorded the same calls at the same moment: this one
        # wrote nothing; run again, those calls are then recognised.
        raise ValidationError(
            _("Un autre import a enregistré les mêmes appels au même moment : rien n'a été importé. "
              "Relancez l'import : les appels déjà enregistrés seront reconnus.")
        ) from None
    sheet.status = OpportunitySheet.Status.IMPORTED
    sheet.imported_at = timezone.now()
    sheet.created_count, sheet.updated_count, sheet.unchanged_count = created, updated, unchanged
    sheet.save(update_fields=["status", "imported_at", "created_count", "updated_count", "unchanged_count"])
    return sheet


def _write_rows(parsed: ParsedSheet, *, sheet: OpportunitySheet, by) -> tuple[int, int, int]:
    created = updated = unchanged = 0
    funders = {}
    for row in parsed.rows:
        values = dict(row.values)
        funder_id = values.pop("funder_id", None)
        funder_name = values.pop("funder_name")
        if funder_id is None:
            key = plain_key(funder_name)
            if key not in funders:
                funders[key] = (
                    Funder.objects.annotate(lower=Lower("name")).filter(lower=funder_name.lower()).first()
                    or Funder.objects.create(name=funder_name)
                )
            funder_id = funders[key].pk
        values["funder_id"] = funder_id
        theme_ids = values.pop("theme_ids", None)
        countries = values.pop("countries", None)
        link_key, natural_key = normalise_link(values.get("link", "")), natural_key_for(
            funder_id, values["title"], values.get("full_proposal_deadline")
        )
        existing = find_existing(link_key=link_key, natural_key=natural_key)
        if existing is None:
            opportunity = dossier_create(
                Opportunity, by=by, imported_from=sheet, **{k: v for k, v in values.items() if k in FIELDS_FROM_SHEET or k == "funder_id"}
            )
            opportunity.themes.set(theme_ids or [])
            _set_countries(opportunity, OpportunityCountry, "opportunity", countries or [])
            created += 1
            continue
        if _apply(existing, values, theme_ids, countries):
            record_event(
                existing,
                by=by,
                comment=_("Mise à jour par l'import de la feuille « %(name)s ».") % {"name": sheet.filename},
            )
            updated += 1
        else:
            unchanged += 1
    return created, updated, unchanged


def _apply(opportunity: Opportunity, values: dict, theme_ids, countries) -> bool:
    """Bring a recorded call up to date with its row; True when something changed.
    Columns absent from the sheet leave the call's values alone."""
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    changed = []
    for name in ("funder_id", *FIELDS_FROM_SHEET):
        if name not in values:
            continue
        new = values[name]
        old = getattr(opportunity, name)
        if isinstance(new, Decimal) and old is not None:
            same = Decimal(old) == new
        else:
            same = old == new or (old in (None, "") and new in (None, ""))
        if not same:
            setattr(opportunity, name, new)
            changed.append(name)
    if changed:
        if opportunity.state in Opportunity.EXPIRING_STATES and {"concept_note_deadline", "full_proposal_deadline"} & set(changed):
            opportunity.deadline_at = opportunity.deadline_for(opportunity.state, timezone.now())
            changed.append("deadline_at")
        opportunity.save(update_fields=[*changed, "updated_at"])
    if theme_ids is not None and set(opportunity.themes.values_list("pk", flat=True)) != set(theme_ids):
        opportunity.themes.set(theme_ids)
        changed.append("themes")
    if countries is not None and set(opportunity.country_codes) != set(countries):
        _set_countries(opportunity, OpportunityCountry, "opportunity", countries)
        changed.append("countries")
    return bool(changed)
