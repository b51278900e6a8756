"""Counting a fund's statement: `indicators.tables.Table`s only, so the
page, the XLSX and the PDF show the same suppressed cells."""

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.periods import Period
from indicators.tables import SMALL_CELL, Cell, Table, suppress

from ..models import Case, CaseSupport, Commitment, Contribution, Disbursement, Fund, Gender, Profile, SupportType

ZERO = Decimal("0")


@dataclass(frozen=True)
class Statement:
    fund: Fund
    period: Period
    made_at: object
    tables: list[Table]

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)


@dataclass
class _Group:
    cases: set
    committed: Decimal = ZERO
    disbursed: Decimal = ZERO


def _in(queryset, field: str, period: Period | None, *, dates: bool = False):
    if period is None:
        return queryset
    if dates:
        return queryset.filter(**{f"{field}__gte": period.start, f"{field}__lt": period.end})
    start, end = period.bounds()
    return queryset.filter(**{f"{field}__gte": start, f"{field}__lt": end})


def _contributions(fund, period):
    return _in(Contribution.objects.filter(fund=fund), "received_on", period, dates=True)


def _commitments(fund, period):
    return _in(Commitment.objects.filter(fund=fund), "committed_at", period)


def _disbursements(fund, period):
    return _in(Disbursement.objects.filter(fund=fund, status=Disbursement.Status.CONFIRMED), "confirmed_at", period)


def _sum(queryset, expression="amount") -> Decimal:
    return queryset.aggregate(total=Sum(expression))["total"] or ZERO


def _net_committed(queryset) -> Decimal:
    return _sum(queryset, "amount") - _sum(queryset, "released")


def statement_build(fund: Fund, period: Period) -> Statement:
    """The statement of `fund` over `period` (and, for the ledger, since the fund opened)."""
    currency = fund.currency
    tables = [
        _ledger(fund, period),
        _by_funder(fund, period),
        *_breakdowns(fund, period),
    ]
    tables = [replace(table, unit=currency) for table in tables]
    return Statement(fund=fund, period=period, made_at=timezone.now(), tables=tables)


def _ledger(fund, period) -> Table:
    rows = []
    for label, period_value, all_time in [
        (_("Contributions reçues"), _sum(_contributions(fund, period)), _sum(_contributions(fund, None))),
        (_("Montants engagés (nets des montants libérés)"), _net_committed(_commitments(fund, period)), _net_committed(_commitments(fund, None))),
        (_("Montants versés"), _sum(_disbursements(fund, period)), _sum(_disbursements(fund, None))),
    ]:
        rows.append((label, [Cell(period_value), Cell(all_time)]))
    contributed, committed, disbursed = (row[1][1].value for row in rows)
    rows.append((_("Disponible à engager (reçu − engagé)"), [Cell(None), Cell(contributed - committed)]))
    rows.append((_("Trésorerie (reçu − versé)"), [Cell(None), Cell(contributed - disbursed)]))
    return Table(
        key="ledger",
        title=_("Mouvements du fonds"),
        description=_("Les livres du fonds : sur la période, et depuis son ouverture."),
        label_header=_("Mouvement"),
        columns=[_("Sur la période"), _("Depuis l'ouverture")],
        rows=rows,
        chart="",
    )


def _by_funder(fund, period) -> Table:
    in_period = dict(
        _contributions(fund, period).values_list("funder__name").annotate(total=Sum("amount")).values_list("funder__name", "total")
    )
    all_time = dict(
        _contributions(fund, None).values_list("funder__name").annotate(total=Sum("amount")).values_list("funder__name", "total")
    )
    names = sorted(all_time, key=str.casefold)
    rows = [(name, [Cell(in_period.get(name, ZERO)), Cell(all_time[name])]) for name in names]
    rows.append((_("Total"), [Cell(sum(in_period.values(), ZERO)), Cell(sum(all_time.values(), ZERO))]))
    return Table(
        key="contributions",
        title=_("Contributions par bailleur"),
        description=_("Chaque contribution est rattachée à un bailleur de la cartographie des bailleurs."),
        label_header=_("Bailleur"),
        columns=[_("Sur la période"), _("Depuis l'ouverture")],
        rows=rows,
    )


def _breakdowns(fund, period) -> list[Table]:
    """Commitments and disbursements of the period by the helped people's
    country, support type, profile and gender."""
    committed = defaultdict(lambda: ZERO)
    for case_id, amount, released in _commitments(fund, period).values_list("case_id", "amount", "released"):
        committed[case_id] += amount - released
    disbursed = defaultdict(lambda: ZERO)
    for case_id, amount in _disbursements(fund, period).values_list("case_id", "amount"):
        disbursed[case_id] += amount
    case_ids = set(committed) | set(disbursed)
    # Only these four attributes are read: never a reference, a code name or a date.
    attributes = {row[0]: row[1:] for row in Case.objects.filter(pk__in=case_ids).values_list("pk", "country", "profile", "gender")}
    supports = defaultdict(set)
    for case_id, kind in CaseSupport.objects.filter(case_id__in=case_ids).values_list("case_id", "kind"):
        supports[case_id].add(kind)

    def groups(keys_of) -> dict:
        found = defaultdict(lambda: _Group(set()))
        for case_id in case_ids:
            for key in keys_of(case_id):
                group = found[key]
                group.cases.add(case_id)
                group.committed += committed.get(case_id, ZERO)
                group.disbursed += disbursed.get(case_id, ZERO)
        return found

    countries = dict(settings.RELAIS_COUNTRIES)
    specs = [
        ("by_country", _("Par pays"), _("Pays"), lambda pk: [attributes[pk][0]], countries, ""),
        (
            "by_support",
            _("Par type de soutien"),
            _("Type de soutien"),
            lambda pk: sorted(supports[pk]) or ["-"],
            {**dict(SupportType.choices), "-": _("Non précisé")},
            _("Une personne peut recevoir plusieurs types de soutien : les lignes ne s'additionnent pas."),
        ),
        ("by_profile", _("Par profil"), _("Profil"), lambda pk: [attributes[pk][1]], dict(Profile.choices), ""),
        ("by_gender", _("Par genre"), _("Genre"), lambda pk: [attributes[pk][2]], dict(Gender.choices), ""),
    ]
    total = _Group(set(case_ids), sum(committed.values(), ZERO), sum(disbursed.values(), ZERO))
    return [_breakdown(key, title, header, groups(keys_of), labels, note, total) for key, title, header, keys_of, labels, note in specs]


def _breakdown(key, title, header, groups: dict, labels: dict, note: str, total: _Group) -> Table:
    ordered = sorted(groups, key=lambda item: str(labels.get(item, item)).casefold())
    cells = suppress({item: len(groups[item].cases) for item in ordered})
    rows = [(str(labels.get(item, item)), _money_row(cells[item], groups[item])) for item in ordered]
    total_cell = suppress({"total": len(total.cases)})["total"]
    rows.append((_("Total"), _money_row(total_cell, total)))
    notes = [_("Un groupe de moins de %(n)s personnes est affiché « <%(n)s », et ses montants sont masqués.") % {"n": SMALL_CELL}]
    if note:
        notes.append(note)
    return Table(
        key=key,
        title=title,
        description=_("Personnes aidées sur la période, montants engagés et versés sur la période."),
        label_header=header,
        columns=[_("Personnes aidées"), _("Engagé"), _("Versé")],
        rows=rows,
        notes=notes,
    )


def _money_row(count: Cell, group: _Group) -> list[Cell]:
    if count.hidden:
        return [count, Cell(None, hidden=True), Cell(None, hidden=True)]
    return [count, Cell(group.committed), Cell(group.disbursed)]
