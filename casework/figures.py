"""Figures for the COPIL, auditors and donors: aggregates only, with small
cells suppressed so that no single case can be singled out, and an export
whose rows carry no reference, no code name and no exact date.
"""

import secrets
from collections import Counter
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Sum

from indicators.tables import SMALL_CELL, suppress

from .models import Case, CaseSupport, Gender, Profile, SupportType, Urgency

# Fewer cases than this in a cell: shown as "<3", never the number. One rule
# for every figure of the network: indicators.tables (SMALL_CELL, suppress).


def _suppress(counts: dict) -> list[tuple[str, str]]:
    """(label, shown) pairs, suppressed as on the indicators page."""
    return [(key, cell.shown()) for key, cell in suppress(counts).items()]


def _labelled(counts: dict, labels: dict) -> list[tuple[str, str]]:
    return [(str(labels.get(key, key)), shown) for key, shown in _suppress(counts)]


def case_figures(queryset=None) -> dict:
    queryset = Case.objects.all() if queryset is None else queryset
    total = queryset.count()

    def by(field, choices):
        found = dict(queryset.values_list(field).annotate(n=Count("pk")).values_list(field, "n"))
        return {key: found.get(key, 0) for key, _label in choices}

    support = dict(
        CaseSupport.objects.filter(case__in=queryset).values_list("kind").annotate(n=Count("case", distinct=True)).values_list("kind", "n")
    )
    figures = {
        "total": total if total >= SMALL_CELL or total == 0 else f"<{SMALL_CELL}",
        "by_state": _labelled(by("state", Case.State.choices), dict(Case.State.choices)),
        "by_country": _labelled(by("country", settings.RELAIS_COUNTRIES), dict(settings.RELAIS_COUNTRIES)),
        "by_gender": _labelled(by("gender", Gender.choices), dict(Gender.choices)),
        "by_urgency": _labelled(by("urgency", Urgency.choices), dict(Urgency.choices)),
        "by_profile": _labelled(by("profile", Profile.choices), dict(Profile.choices)),
        "by_support": _labelled({key: support.get(key, 0) for key, _label in SupportType.choices}, dict(SupportType.choices)),
        "amounts": money_figures(queryset),
    }
    return figures


def money_figures(queryset) -> list[dict]:
    """Per currency: approved and disbursed, hidden when fewer than 3 cases."""
    rows = (
        queryset.filter(approved_amount__isnull=False)
        .values("currency")
        .annotate(cases=Count("pk"), approved=Sum("approved_amount"), disbursed=Sum("disbursed_total"))
        .order_by("currency")
    )
    result = []
    for row in rows:
        small = row["cases"] < SMALL_CELL
        result.append(
            {
                "currency": row["currency"],
                "cases": f"<{SMALL_CELL}" if small else str(row["cases"]),
                "approved": None if small else row["approved"] or Decimal("0"),
                "disbursed": None if small else row["disbursed"] or Decimal("0"),
            }
        )
    return result


EXPORT_COLUMNS = [
    "row",
    "country",
    "gender",
    "age_band",
    "profile",
    "urgency",
    "support",
    "state",
    "received_quarter",
    "decided_within_deadline",
    "approved_amount",
    "disbursed_amount",
    "currency",
]
QUASI_IDENTIFIERS = [["age_band", "profile"], ["gender"], ["country"]]


def export_rows(queryset=None) -> list[dict]:
    """One row per case with a random row id (new at each export), the
    receipt's quarter only, and quasi-identifiers generalised ("*") until
    every combination of country, gender, age and profile covers at least
    3 cases."""
    queryset = Case.objects.all() if queryset is None else queryset
    cases = list(
        queryset.only(
            "country", "gender", "age_band", "profile", "urgency", "state", "received_at", "decided_at", "deadline_at",
            "approved_amount", "disbursed_total", "currency", "urgency",
        ).prefetch_related("support_types")
    )
    rows = []
    for case in cases:
        received = case.received_at
        within = ""
        if case.decided_at:
            within = "yes" if case.decided_at <= received + Case.decision_delay(case.urgency) else "no"
        rows.append(
            {
                "row": secrets.token_hex(6),
                "country": case.country,
                "gender": case.gender,
                "age_band": case.age_band,
                "profile": case.profile,
                "urgency": case.urgency,
                "support": "+".join(sorted(s.kind for s in case.support_types.all())),
                "state": case.state,
                "received_quarter": f"{received.year}-T{(received.month - 1) // 3 + 1}",
                "decided_within_deadline": within,
                "approved_amount": str(case.approved_amount or ""),
                "disbursed_amount": str(case.disbursed_total if case.approved_amount else ""),
                "currency": case.currency,
            }
        )
    _generalise(rows)
    rows.sort(key=lambda row: row["row"])
    return rows


def _generalise(rows: list[dict]) -> None:
    keys = ["country", "gender", "age_band", "profile"]
    for level in range(len(QUASI_IDENTIFIERS) + 1):
        counts = Counter(tuple(row[key] for key in keys) for row in rows)
        rare = [row for row in rows if counts[tuple(row[key] for key in keys)] < SMALL_CELL]
        if not rare:
            return
        if level == len(QUASI_IDENTIFIERS):
            for row in rare:
                row.update({key: "*" for key in keys})
            return
        for row in rare:
            for key in QUASI_IDENTIFIERS[level]:
                row[key] = "*"


__all__ = ["EXPORT_COLUMNS", "SMALL_CELL", "case_figures", "export_rows", "money_figures"]
