"""The emergency fund: people at risk are counted, so every
count goes through `suppress()` and a figure derived from a hidden count
(a median, a share, an amount) is hidden with it."""

from collections import Counter

from django.db.models import Count, Min, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from casework.models import Case, Disbursement, Gender, Profile, SupportType, Urgency

from ..tables import SMALL_CELL, Cell, Table, suppress
from .common import Scope, countries, counted, link, median_hours, share, suppression_note

HIDDEN = Cell(value=None, hidden=True)


def _cases(scope: Scope):
    queryset = Case.objects.all()
    if scope.country:
        queryset = queryset.filter(country=scope.country)
    if scope.gender:
        queryset = queryset.filter(gender=scope.gender)
    return queryset


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
                description=_("Demandes reçues pendant la période.") + " " + suppression_note(),
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
        + suppression_note(),
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
        description=_("Versements confirmés pendant la période, dans la devise du fonds.") + " " + suppression_note(),
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


def tables(scope: Scope) -> list[Table]:
    return [*requests_tables(scope), delays_table(scope), *disbursed_tables(scope)]
