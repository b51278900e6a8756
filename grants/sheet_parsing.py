"""Reading an opportunities sheet (CSV or XLSX): every cell checked and
cleaned, every wrong one named by its row and column. Nothing is written
here; grants.services.sheets imports what this reads."""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from typing import ClassVar
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Funder, Opportunity
from .models.opportunities import natural_key_for, normalise_link
from .money import currencies, parse_amount
from .selectors import find_existing
from .timezones import is_time_zone

MAX_ROWS = 2000

# Column key -> (label shown, accepted headers after normalisation: French first, then English).
COLUMNS = {
    "funder": (gettext_lazy("Bailleur"), ["bailleur", "donateur", "funder", "donor"]),
    "title": (gettext_lazy("Titre"), ["titre", "intitule", "titre_de_l_appel", "title"]),
    "link": (gettext_lazy("Lien"), ["lien", "url", "link"]),
    "themes": (gettext_lazy("Thèmes"), ["themes", "theme", "thematiques", "domaines"]),
    "eligible_countries": (gettext_lazy("Pays éligibles"), ["pays_eligibles", "pays", "eligible_countries", "countries"]),
    "amount_min": (gettext_lazy("Montant minimum"), ["montant_min", "montant_minimum", "amount_min", "minimum_amount"]),
    "amount_max": (gettext_lazy("Montant maximum"), ["montant_max", "montant_maximum", "amount_max", "maximum_amount"]),
    "currency": (gettext_lazy("Devise"), ["devise", "monnaie", "currency"]),
    "concept_note_deadline": (
        gettext_lazy("Date limite de la note conceptuelle"),
        ["date_limite_note_conceptuelle", "date_limite_note", "note_conceptuelle", "concept_note_deadline"],
    ),
    "full_proposal_deadline": (
        gettext_lazy("Date limite de la proposition"),
        ["date_limite_proposition", "date_limite_proposition_complete", "date_limite", "full_proposal_deadline", "deadline"],
    ),
    "timezone": (gettext_lazy("Fuseau horaire"), ["fuseau_horaire", "fuseau", "timezone", "time_zone"]),
    "eligibility_notes": (
        gettext_lazy("Critères d'éligibilité"),
        ["criteres_d_eligibilite", "criteres_eligibilite", "eligibilite", "eligibility_notes", "eligibility"],
    ),
}
REQUIRED = ("funder", "title")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")
TIME_FORMATS = ("%H:%M", "%H:%M:%S", "%Hh%M", "%Hh")
# A deadline given as a date alone closes at the end of that day.
END_OF_DAY = time(23, 59)


def plain_key(text) -> str:
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class SheetRow:
    number: int
    values: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)  # column key -> message
    raw: dict = field(default_factory=dict)
    new_funder: bool = False
    existing: Opportunity | None = None

    @property
    def deadline(self):
        return self.values.get("full_proposal_deadline") or self.values.get("concept_note_deadline")


@dataclass
class SheetResult:
    """What reading a sheet found, row by row, with its errors located by
    row, column letter and column name; `column_labels` is the importer's
    COLUMNS (key -> (label, ...)). Shared by the opportunities' import and
    the grant expenses' (grants.services.grant_reports.expense_sheet)."""

    columns: dict = field(default_factory=dict)  # column key -> (letter, header as written)
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # whole-sheet errors
    column_labels: ClassVar[dict] = {}

    @property
    def ok(self) -> bool:
        return not self.errors and not any(row.errors for row in self.rows)

    @property
    def error_count(self) -> int:
        return len(self.errors) + sum(len(row.errors) for row in self.rows)

    def located_errors(self) -> list[dict]:
        """Every error with its row, column letter and column name."""
        found = [{"row": 1, "column": "", "label": "", "message": message} for message in self.errors]
        for row in self.rows:
            for key, message in row.errors.items():
                letter, header = self.columns.get(key, ("", ""))
                label = header or str(self.column_labels[key][0])
                found.append({"row": row.number, "column": letter, "label": label, "message": message})
        return found


@dataclass
class ParsedSheet(SheetResult):
    column_labels: ClassVar[dict] = COLUMNS


# --- reading the file -----------------------------------------------------------------


def _read_table(filename: str, content: bytes) -> list[list]:
    name = (filename or "").lower()
    if name.endswith(".xlsx") or content[:2] == b"PK":
        return _read_xlsx(content)
    if name.endswith(".xls"):
        raise ValidationError(_("Ancien format Excel (.xls) : enregistrez la feuille au format .xlsx ou CSV."))
    return _read_csv(content)


def _read_xlsx(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        raise ValidationError(_("Ce fichier n'est pas un classeur Excel (.xlsx) lisible.")) from None
    try:
        sheet = workbook.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 1)]
    finally:
        workbook.close()
    return rows


def _read_csv(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("Le fichier n'est pas en UTF-8 : dans votre tableur, enregistrez-le au format « CSV UTF-8 ».")
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") and ";" in first_line else ","
    if "\t" in first_line and first_line.count("\t") > first_line.count(delimiter):
        delimiter = "\t"
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)][: MAX_ROWS + 1]


# --- cleaning cells --------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _parse_deadline(value, zone: ZoneInfo):
    """A cell → an aware datetime in `zone`; a date alone means the end of that day."""
    if isinstance(value, datetime):
        moment = value
        if moment.time() == time(0, 0):
            moment = datetime.combine(moment.date(), END_OF_DAY)
        return timezone.make_aware(moment.replace(tzinfo=None), zone)
    if isinstance(value, date):
        return timezone.make_aware(datetime.combine(value, END_OF_DAY), zone)
    text = re.sub(r"\s+", " ", _text(value).replace("T", " ").replace(" à ", " ").replace(" at ", " "))
    date_part, _sep, time_part = text.partition(" ")
    day = None
    for pattern in DATE_FORMATS:
        try:
            day = datetime.strptime(date_part, pattern).date()
            break
        except ValueError:
            continue
    if day is None:
        raise ValueError(_("Date illisible : « %(text)s » (écrivez par exemple 31/03/2026 ou 2026-03-31 17:00).") % {"text": text[:40]})
    moment = END_OF_DAY
    if time_part:
        for pattern in TIME_FORMATS:
            try:
                moment = datetime.strptime(time_part.strip(), pattern).time()
                break
            except ValueError:
                continue
        else:
            raise ValueError(_("Heure illisible : « %(text)s » (écrivez par exemple 17:00).") % {"text": time_part[:20]})
    return timezone.make_aware(datetime.combine(day, moment), zone)


class _Vocabularies:
    """Names the sheet may use, loaded once per parse."""

    def __init__(self):
        from members.models import Theme

        self.funders = {}
        for funder in Funder.objects.all():
            self.funders.setdefault(plain_key(funder.name), funder)
            if funder.acronym:
                self.funders.setdefault(plain_key(funder.acronym), funder)
        self.themes = {}
        for theme in Theme.objects.all():
            for name in (theme.code, theme.name, theme.name_en):
                if name:
                    self.themes.setdefault(plain_key(name), theme)
        self.countries = {}
        for code, label in settings.RELAIS_COUNTRIES:
            self.countries[plain_key(code)] = code
            for language in ("fr", "en"):
                with translation.override(language):
                    self.countries[plain_key(str(label))] = code
        for alias, code in COUNTRY_ALIASES.items():
            self.countries.setdefault(plain_key(alias), code)


# Common spellings of the network's countries, in French and English.
COUNTRY_ALIASES = {
    "Cameroon": "CM",
    "Chad": "TD",
    "Central African Republic": "CF",
    "Centrafrique": "CF",
    "RCA": "CF",
    "Republic of the Congo": "CG",
    "Congo-Brazzaville": "CG",
    "Congo Brazzaville": "CG",
    "DRC": "CD",
    "RDC": "CD",
    "DR Congo": "CD",
    "Democratic Republic of the Congo": "CD",
    "République démocratique du Congo": "CD",
    "Congo-Kinshasa": "CD",
    "Equatorial Guinea": "GQ",
    "Guinée-Équatoriale": "GQ",
    "Sao Tome and Principe": "ST",
    "São Tomé-et-Príncipe": "ST",
    "São Tomé and Príncipe": "ST",
}
LIST_SPLIT = re.compile(r"\s*[;,|/]\s*")
EVERYWHERE = {"tous", "toutes", "tous_pays", "all", "any", "*"}


def _clean_row(row: SheetRow, vocabularies: _Vocabularies) -> None:
    raw, values, errors = row.raw, row.values, row.errors

    funder_name = _text(raw.get("funder"))
    if not funder_name:
        errors["funder"] = _("Indiquez le bailleur.")
    else:
        funder = vocabularies.funders.get(plain_key(funder_name))
        values["funder_name"] = funder.name if funder else funder_name
        values["funder_id"] = funder.pk if funder else None
        row.new_funder = funder is None

    title = re.sub(r"\s+", " ", _text(raw.get("title")))
    if not title:
        errors["title"] = _("Indiquez le titre de l'appel.")
    elif len(title) > 300:
        errors["title"] = _("Titre trop long (300 caractères au plus).")
    values["title"] = title

    if "link" in raw:
        link = _text(raw.get("link"))
        if link and not re.match(r"(?i)^https?://", link):
            link = f"https://{link}"
        if link:
            try:
                URLValidator(schemes=["http", "https"])(link)
            except ValidationError:
                errors["link"] = _("Lien invalide : « %(text)s ».") % {"text": link[:60]}
        values["link"] = link

    if "themes" in raw:
        theme_ids, unknown = [], []
        for name in filter(None, LIST_SPLIT.split(_text(raw.get("themes")))):
            theme = vocabularies.themes.get(plain_key(name))
            (theme_ids.append(theme.pk) if theme else unknown.append(name))
        if unknown:
            errors["themes"] = _("Thème(s) inconnu(s) : %(names)s.") % {"names": ", ".join(unknown)}
        values["theme_ids"] = sorted(set(theme_ids))

    if "eligible_countries" in raw:
        codes, unknown = [], []
        cell = _text(raw.get("eligible_countries"))
        if plain_key(cell) not in EVERYWHERE:
            for name in filter(None, LIST_SPLIT.split(cell)):
                code = vocabularies.countries.get(plain_key(name))
                (codes.append(code) if code else unknown.append(name))
        if unknown:
            errors["eligible_countries"] = _("Pays inconnu(s) ou hors du réseau : %(names)s.") % {"names": ", ".join(unknown)}
        values["countries"] = sorted(set(codes))

    for key in ("amount_min", "amount_max"):
        if key in raw:
            cell = raw.get(key)
            values[key] = None
            if _text(cell):
                try:
                    values[key] = parse_amount(cell)
                except ValueError as error:
                    errors[key] = str(error)
    low, high = values.get("amount_min"), values.get("amount_max")
    if low is not None and high is not None and high < low and "amount_max" not in errors:
        errors["amount_max"] = _("Le montant maximum est inférieur au minimum.")

    if "currency" in raw:
        currency = _text(raw.get("currency")).upper()
        currency = {"FCFA": "XAF", "€": "EUR", "$": "USD", "US$": "USD"}.get(currency, currency)
        if currency and currency not in currencies():
            errors["currency"] = _("Devise inconnue : %(code)s (devises acceptées : %(known)s).") % {
                "code": currency,
                "known": ", ".join(currencies()),
            }
        values["currency"] = currency
    if (low is not None or high is not None) and not values.get("currency") and "currency" not in errors:
        errors["currency"] = _("Indiquez la devise du montant.")

    zone_name = _text(raw.get("timezone")) or settings.TIME_ZONE
    if not is_time_zone(zone_name):
        errors["timezone"] = _("Fuseau horaire inconnu : %(name)s (exemples : Africa/Douala, Europe/Paris, UTC).") % {
            "name": zone_name[:64]
        }
        zone_name = settings.TIME_ZONE
    if "timezone" in raw or "concept_note_deadline" in raw or "full_proposal_deadline" in raw:
        values["deadline_timezone"] = zone_name
    for key in ("concept_note_deadline", "full_proposal_deadline"):
        if key in raw:
            cell = raw.get(key)
            values[key] = None
            if _text(cell):
                try:
                    values[key] = _parse_deadline(cell, ZoneInfo(zone_name))
                except ValueError as error:
                    errors[key] = str(error)

    if "eligibility_notes" in raw:
        values["eligibility_notes"] = _text(raw.get("eligibility_notes"))


def _keys(values: dict) -> tuple[str, str]:
    funder_key = values.get("funder_id") or f"new:{plain_key(values.get('funder_name', ''))}"
    return normalise_link(values.get("link", "")), natural_key_for(funder_key, values.get("title", ""), values.get("full_proposal_deadline"))


def locate_columns(parsed, *, filename: str, content: bytes, columns: dict, required) -> tuple[dict, list] | None:
    """Read the sheet and find its columns by their headers (first non-blank
    row; `columns`: key -> (label, aliases)). Returns ({key: index}, [(row
    number, cells), ...]) for the rows below, each keeping its line number in
    the sheet, blank lines skipped; or None with the reason in
    `parsed.errors`. Fills `parsed.columns` with each key's letter and header."""
    try:
        table = _read_table(filename, content)
    except ValidationError as error:
        parsed.errors.extend(error.messages)
        return None
    numbered = [(number, row) for number, row in enumerate(table, start=1) if any(_text(cell) for cell in row)]
    if not numbered:
        parsed.errors.append(_("La feuille est vide."))
        return None
    (_header_number, header), *body = numbered
    if len(body) > MAX_ROWS:
        parsed.errors.append(_("Trop de lignes : %(max)d au plus par import.") % {"max": MAX_ROWS})
        return None
    aliases = {alias: key for key, (_label, names) in columns.items() for alias in names}
    positions = {}
    for index, cell in enumerate(header):
        key = aliases.get(plain_key(cell))
        if key and key not in positions:
            positions[key] = index
            parsed.columns[key] = (_column_letter(index), _text(cell))
    missing = [str(columns[key][0]) for key in required if key not in positions]
    if missing:
        parsed.errors.append(
            _("Colonne(s) obligatoire(s) absente(s) de la première ligne : %(names)s.") % {"names": ", ".join(missing)}
        )
        return None
    return positions, body


def parse_sheet(*, filename: str, content: bytes) -> ParsedSheet:
    """Read and check every cell; write nothing."""
    parsed = ParsedSheet()
    located = locate_columns(parsed, filename=filename, content=content, columns=COLUMNS, required=REQUIRED)
    if located is None:
        return parsed
    positions, body = located
    vocabularies = _Vocabularies()
    seen = {}
    for number, cells in body:
        row = SheetRow(number=number)
        row.raw = {key: (cells[index] if index < len(cells) else None) for key, index in positions.items()}
        _clean_row(row, vocabularies)
        if not row.errors:
            link_key, natural_key = _keys(row.values)
            for key in filter(None, (link_key, natural_key)):
                if key in seen:
                    row.errors["title"] = _("Même appel qu'à la ligne %(row)d.") % {"row": seen[key]}
                    break
            else:
                seen.update({k: row.number for k in (link_key, natural_key) if k})
        parsed.rows.append(row)
    _match_existing(parsed)
    return parsed


def _match_existing(parsed: ParsedSheet) -> None:
    for row in parsed.rows:
        if row.errors or not row.values.get("funder_id"):
            continue
        link_key, natural_key = _keys(row.values)
        row.existing = find_existing(link_key=link_key, natural_key=natural_key)
