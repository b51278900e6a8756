"""The emergency fund and incidents: people at risk are counted, so every
count goes through `suppress()` and a figure derived from a hidden count
(a median, a share, an amount) is hidden with it."""

from collections import Counter
from datetime import date

from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils.translation import gettext as _

from casework.models import Case, CaseSupport, Disbursement, Gender, Incident, Profile, SupportType, Urgency

from ..tables import SMALL_CELL, Cell, Table, suppress
from .common import Scope, countries, counted, link, median_hours, share

HIDDEN = Cell(value=None, hidden=True)


def _cases(scope: Scope):
    queryset = Case.objects.all()
    if scope.country:
        queryset = queryset.filter(country=scope.country)
    if scope.gender:
        queryset = queryset.filter(gender=scope.gender)
    return queryset


def _note() -> str:
    return _("Moins de %(n)s personnes : « <%(n)s » (et la plus petite case voisine aussi), pour que personne ne puisse être reconnu.") % {"n": SMALL_CELL}


def requests_tables(scope: Scope) -> list[Table]:
    start, end = scope.bounds
    rows = (
        _cases(scope)
        .filter(received_at__gte=start, received_at__lt=end)
        .values_list("urgency", "profile", "gender", "country")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by = [Counter(), Counter(), Counter(), Counter()]
    for urgency, profile, gender, country, n in rows:
        for index, key in enumerate((urgency, profile, gender, country)):
            by[index][key] += n
    names = countries()
    see_cases = scope.may("casework.view_case")
    genders = [(scope.gender, Gender(scope.gender).label)] if scope.gender else list(Gender.choices)
    shown_countries = [(scope.country, names.get(scope.country, scope.country))] if scope.country else list(names.items())
    parts = [
        ("emergency-urgency", _("Demandes d'urgence par niveau d'urgence"), _("Urgence"), list(Urgency.choices), by[0], "urgency"),
        ("emergency-profile", _("Demandes d'urgence par profil"), _("Profil"), list(Profile.choices), by[1], ""),
        ("emergency-gender", _("Demandes d'urgence par genre"), _("Genre"), genders, by[2], ""),
        ("emergency-country", _("Demandes d'urgence par pays"), _("Pays"), shown_countries, by[3], "country"),
    ]
    tables = []
    for key, title, header, choices, counter, filter_name in parts:
        urls = (
            {code: link("casework:cases", **{filter_name: code, "country": scope.country if filter_name != "country" else code}) for code, _label in choices}
            if see_cases and filter_name
            else {}
        )
        cells = counted({code: counter.get(code, 0) for code, _label in choices}, sensitive=True, urls=urls)
        tables.append(
            Table(
                key=key,
                title=title,
                description=_("Demandes reçues pendant la période.") + " " + _note(),
                label_header=header,
                columns=[_("Demandes")],
                rows=[(str(label), [cells[code]]) for code, label in choices],
            )
        )
    return tables


def delays_table(scope: Scope) -> Table:
    """Per urgency: decisions in the period against the urgency's clock, and
    the first tranche paid."""
    start, end = scope.bounds
    rows = list(
        _cases(scope)
        .filter(decided_at__gte=start, decided_at__lt=end)
        .annotate(first_paid=Min("disbursements__confirmed_at", filter=Q(disbursements__status=Disbursement.Status.CONFIRMED)))
        .values_list("urgency", "received_at", "decided_at", "first_paid")
    )
    groups = [(code, str(label)) for code, label in Urgency.choices]
    decided = {code: [row for row in rows if row[0] == code] for code, _label in groups}
    paid = {code: [row for row in decided[code] if row[3]] for code, _label in groups}
    decided_cells = suppress({code: len(decided[code]) for code, _label in groups})
    paid_cells = suppress({code: len(paid[code]) for code, _label in groups})

    def line(label, code_rows, paid_rows, decided_cell, paid_cell, clock):
        in_time = sum(1 for urgency, received, decided_at, _paid in code_rows if decided_at - received <= Case.decision_delay(urgency))
        hide_decided = decided_cell.hidden or 0 < len(code_rows) < SMALL_CELL
        hide_paid = paid_cell.hidden or 0 < len(paid_rows) < SMALL_CELL
        return (
            label,
            [
                HIDDEN if hide_decided else Cell(len(code_rows)),
                Cell(clock),
                HIDDEN if hide_decided else Cell(median_hours([d - r for _u, r, d, _p in code_rows])),
                HIDDEN if hide_decided else Cell(share(in_time, len(code_rows))),
                HIDDEN if hide_paid else Cell(len(paid_rows)),
                HIDDEN if hide_paid else Cell(median_hours([p - r for _u, r, _d, p in paid_rows])),
            ],
        )

    table_rows = [
        line(label, decided[code], paid[code], decided_cells[code], paid_cells[code], round(Case.decision_delay(code).total_seconds() / 3600))
        for code, label in groups
    ]
    all_paid = [row for row in rows if row[3]]
    table_rows.append(line(_("Toutes urgences"), rows, all_paid, Cell(len(rows)), Cell(len(all_paid)), None))
    return Table(
        key="emergency-delays",
        title=_("Délais du fonds d'urgence"),
        description=_("Cas décidés pendant la période : délai médian de la réception à la décision et au premier versement confirmé, en heures, face au délai visé (24 h, 72 h, 10 jours), et part des décisions prises dans le délai.")
        + " "
        + _note(),
        label_header=_("Urgence"),
        columns=[
            _("Cas décidés"),
            _("Délai visé (h)"),
            _("Médiane réception → décision (h)"),
            _("Décidés dans le délai (%)"),
            _("Cas ayant reçu un premier versement"),
            _("Médiane réception → premier versement (h)"),
        ],
        rows=table_rows,
        chart="bars",
        unit="h",
    )


def _disbursed_table(key, title, header, groups: dict, labels: dict, urls: dict) -> Table:
    """groups: {(group, currency): (cases, amount)}."""
    cells = suppress({group: cases for group, (cases, _amount) in groups.items()})
    rows = []
    for group, (cases, amount) in groups.items():
        hidden = cells[group].hidden
        url = urls.get(group[0], "")
        rows.append(
            (
                f"{labels.get(group[0], group[0])} ({group[1]})",
                [HIDDEN if hidden else Cell(cases, url=url), HIDDEN if hidden else Cell(amount)],
            )
        )
    return Table(
        key=key,
        title=title,
        description=_("Versements confirmés pendant la période, dans la devise du fonds.") + " " + _note(),
        label_header=header,
        columns=[_("Cas"), _("Montant versé")],
        rows=rows,
    )


def disbursed_tables(scope: Scope) -> list[Table]:
    start, end = scope.bounds
    paid = Disbursement.objects.filter(
        status=Disbursement.Status.CONFIRMED, confirmed_at__gte=start, confirmed_at__lt=end, case__in=_cases(scope).values("pk")
    )
    fund_rows = list(
        paid.values("fund_id", "fund__name", "currency")
        .annotate(cases=Count("case", distinct=True), amount=Sum("amount"))
        .order_by("fund__name", "currency")
    )
    per_fund = {(row["fund_id"], row["currency"]): (row["cases"], row["amount"]) for row in fund_rows}
    fund_names = {row["fund_id"]: row["fund__name"] for row in fund_rows}
    per_country = {
        (row["case__country"], row["currency"]): (row["cases"], row["amount"])
        for row in paid.values("case__country", "currency").annotate(cases=Count("case", distinct=True), amount=Sum("amount")).order_by("case__country", "currency")
    }
    support_rows = (
        paid.values("case__support_types__kind", "currency")
        .annotate(cases=Count("case", distinct=True), amount=Sum("amount"))
        .order_by("case__support_types__kind", "currency")
    )
    order = {code: index for index, (code, _label) in enumerate(SupportType.choices)}
    per_support = {
        (row["case__support_types__kind"], row["currency"]): (row["cases"], row["amount"])
        for row in sorted(support_rows, key=lambda row: (order.get(row["case__support_types__kind"], 99), row["currency"]))
        if row["case__support_types__kind"]
    }
    names = countries()
    see_funds = scope.may("casework.view_fund")
    see_cases = scope.may("casework.view_case")
    return [
        _disbursed_table(
            "emergency-paid-fund", _("Montants versés par fonds"), _("Fonds"), per_fund, fund_names,
            {pk: reverse("casework:fund", kwargs={"pk": pk}) for pk in fund_names} if see_funds else {},
        ),
        _disbursed_table(
            "emergency-paid-country", _("Montants versés par pays"), _("Pays"), per_country, names,
            {code: link("casework:cases", country=code) for code in names} if see_cases else {},
        ),
        _disbursed_table(
            "emergency-paid-support", _("Montants versés par type de soutien"), _("Type de soutien"), per_support,
            {code: str(label) for code, label in SupportType.choices}, {},
        ),
    ]


def _months(start: date, end: date) -> list[date]:
    months, current = [], date(start.year, start.month, 1)
    while current < end:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def incidents_tables(scope: Scope) -> list[Table]:
    period = scope.period
    queryset = Incident.objects.filter(occurred_on__gte=period.start, occurred_on__lt=period.end).exclude(
        verification=Incident.Verification.UNFOUNDED
    )
    if scope.country:
        queryset = queryset.filter(country=scope.country)
    rows = queryset.annotate(month=TruncMonth("occurred_on")).values_list("country", "kind", "month").annotate(n=Count("pk")).order_by()
    per_country, per_kind, per_month = Counter(), Counter(), Counter()
    for country, kind, month, n in rows:
        per_country[country] += n
        per_kind[kind] += n
        per_month[date(month.year, month.month, 1)] += n
    names = countries()
    url = link("casework:incidents") if scope.may("casework.view_incident") else ""
    shown_countries = [scope.country] if scope.country else list(names)
    months = _months(period.start, period.end)
    description = _("Incidents survenus pendant la période (hors incidents jugés non fondés).") + " " + _note()
    country_cells = counted({code: per_country.get(code, 0) for code in shown_countries}, sensitive=True, urls=dict.fromkeys(shown_countries, url))
    kind_cells = counted({code: per_kind.get(code, 0) for code, _l in Incident.Kind.choices}, sensitive=True, urls=dict.fromkeys(Incident.Kind.values, url))
    month_cells = counted({month: per_month.get(month, 0) for month in months}, sensitive=True)
    return [
        Table(
            key="incidents-country", title=_("Incidents par pays"), description=description, label_header=_("Pays"),
            columns=[_("Incidents")], rows=[(names.get(code, code), [country_cells[code]]) for code in shown_countries],
        ),
        Table(
            key="incidents-type", title=_("Incidents par type"), description=description, label_header=_("Type"),
            columns=[_("Incidents")], rows=[(str(label), [kind_cells[code]]) for code, label in Incident.Kind.choices],
        ),
        Table(
            key="incidents-month", title=_("Incidents par mois"), description=description, label_header=_("Mois"),
            columns=[_("Incidents")], rows=[(f"{month:%m/%Y}", [month_cells[month]]) for month in months],
            chart="series",
        ),
    ]


def tables(scope: Scope) -> list[Table]:
    return [*requests_tables(scope), delays_table(scope), *disbursed_tables(scope)]
