"""Fundraising: calls spotted and pursued, amounts requested and won (per
currency, converted with the recorded rates), success rates per funder and
theme."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from grants.models import BudgetLine, ExchangeRate, JointProposal, Opportunity
from grants.money import CENT, currencies
from members.models import Theme

from ..tables import Cell, Table
from .common import Scope, counted, link, reached, share

OState = Opportunity.State
PState = JointProposal.State


def _opportunities(scope: Scope):
    queryset = Opportunity.objects.all()
    if scope.country:
        queryset = queryset.filter(
            Q(country_rows__isnull=True) | Q(pk__in=Opportunity.objects.filter(country_rows__country=scope.country).values("pk"))
        )
    return queryset


def proposals_in_scope(scope: Scope):
    queryset = JointProposal.objects.all()
    if scope.country:
        queryset = queryset.filter(pk__in=JointProposal.objects.filter(country_rows__country=scope.country).values("pk"))
    return queryset


def opportunities_table(scope: Scope) -> Table:
    start, end = scope.bounds
    opportunities = _opportunities(scope)
    spotted = opportunities.filter(created_at__gte=start, created_at__lt=end).count()
    steps = reached(Opportunity, scope, [OState.PURSUING, OState.SUBMITTED, OState.AWARDED], opportunities.values("pk")).aggregate(
        go=Count("object_id", distinct=True, filter=Q(to_state=OState.PURSUING)),
        submitted=Count("object_id", distinct=True, filter=Q(to_state=OState.SUBMITTED)),
        won=Count("object_id", distinct=True, filter=Q(to_state=OState.AWARDED)),
    )
    board = link("grants:board") if scope.may("grants.view_opportunity") else ""
    cells = counted({"spotted": spotted, **steps}, sensitive=False, urls=dict.fromkeys(["spotted", "go", "submitted", "won"], board))
    labels = {
        "spotted": _("Opportunités repérées"),
        "go": _("Go du COPIL"),
        "submitted": _("Soumises au bailleur"),
        "won": _("Financements obtenus"),
    }
    return Table(
        key="fundraising-opportunities",
        title=_("Recherche de financement : opportunités"),
        description=_("Appels repérés pendant la période, et appels ayant franchi chaque étape pendant la période."),
        label_header=_("Étape"),
        columns=[_("Nombre")],
        rows=[(str(labels[key]), [cells[key]]) for key in labels],
    )


def _rates(on: date) -> dict:
    """{(from, to): (rate, date)}: the latest recorded rate of each pair on or
    before `on`, direct or inverse (as grants.money.rate_for), in one query."""
    found: dict = {}
    for rate in ExchangeRate.objects.filter(valid_on__lte=on).order_by("valid_on"):
        found[(rate.from_currency, rate.to_currency)] = (rate.rate, rate.valid_on)
        found[(rate.to_currency, rate.from_currency)] = (Decimal(1) / rate.rate, rate.valid_on)
    return found


def amounts_table(scope: Scope) -> Table:
    proposals = proposals_in_scope(scope)
    submitted = reached(JointProposal, scope, [PState.SUBMITTED], proposals.values("pk")).values("object_id")
    won = reached(JointProposal, scope, [PState.AWARDED], proposals.values("pk")).values("object_id")
    rows = (
        BudgetLine.objects.filter(Q(proposal_id__in=submitted) | Q(proposal_id__in=won))
        .values("currency")
        .annotate(
            requested=Sum("amount", filter=Q(proposal_id__in=submitted)),
            won=Sum("amount", filter=Q(proposal_id__in=won)),
        )
        .order_by("currency")
    )
    reference = currencies()[0]
    on = min(scope.period.last_day, date.today())
    rates = _rates(on)
    table_rows, notes = [], []
    totals = {"requested": Decimal(0), "won": Decimal(0)}
    complete = True
    url = link("grants:proposals") if scope.may("grants.view_jointproposal") else ""
    for row in rows:
        code = row["currency"]
        amounts = {key: row[key] or Decimal(0) for key in ("requested", "won")}
        rate = (Decimal(1), None) if code == reference else rates.get((code, reference))
        converted = {}
        for key, amount in amounts.items():
            if rate is None:
                converted[key] = None
                complete = False
            else:
                converted[key] = (amount * rate[0]).quantize(CENT)
                totals[key] += converted[key]
        if rate is not None and rate[1] is not None:
            notes.append(_("1 %(from)s = %(rate)s %(to)s (taux du %(date)s)") % {"from": code, "rate": rate[0].normalize(), "to": reference, "date": rate[1].strftime("%d/%m/%Y")})
        elif rate is None:
            notes.append(_("Aucun taux enregistré de %(from)s vers %(to)s : montant non converti.") % {"from": code, "to": reference})
        table_rows.append(
            (code, [Cell(amounts["requested"], url=url), Cell(amounts["won"], url=url), Cell(converted["requested"]), Cell(converted["won"])])
        )
    if table_rows:
        label = _("Total converti en %(currency)s") % {"currency": reference}
        if not complete:
            label = _("Total converti en %(currency)s (devises converties seulement)") % {"currency": reference}
        table_rows.append((label, [Cell(None), Cell(None), Cell(totals["requested"]), Cell(totals["won"])]))
    return Table(
        key="fundraising-amounts",
        title=_("Montants demandés et obtenus"),
        description=_("Budgets des propositions soumises au bailleur et des propositions financées pendant la période, par devise, puis convertis avec les taux enregistrés."),
        label_header=_("Devise"),
        columns=[_("Demandé"), _("Obtenu"), _("Demandé (%(currency)s)") % {"currency": reference}, _("Obtenu (%(currency)s)") % {"currency": reference}],
        rows=table_rows,
        unit=reference,
        notes=notes,
        chart="",  # amounts in several currencies: the table says it better
    )


def _decided_opportunities(scope: Scope):
    start, end = scope.bounds
    return _opportunities(scope).filter(
        state__in=[OState.AWARDED, OState.DECLINED], state_entered_at__gte=start, state_entered_at__lt=end
    )


def success_tables(scope: Scope) -> list[Table]:
    decided = _decided_opportunities(scope)
    columns = [_("Réponses du bailleur"), _("Financements obtenus"), _("Taux de succès (%)")]
    per_funder = (
        decided.values("funder_id", "funder__name")
        .annotate(decided=Count("pk"), won=Count("pk", filter=Q(state=OState.AWARDED)))
        .order_by("funder__name")
    )
    see_funders = scope.may("grants.view_funder")
    funder_rows = []
    for row in per_funder:
        url = reverse("grants:funder", kwargs={"pk": row["funder_id"]}) if see_funders else ""
        funder_rows.append(
            (row["funder__name"], [Cell(row["decided"], url=url), Cell(row["won"]), Cell(share(row["won"], row["decided"]))])
        )
    decided_ids = decided.values("pk")
    themes = (
        Theme.objects.annotate(
            decided=Count("opportunities", filter=Q(opportunities__in=decided_ids)),
            won=Count("opportunities", filter=Q(opportunities__in=decided_ids, opportunities__state=OState.AWARDED)),
        )
        .filter(decided__gt=0)
        .order_by("position", "name")
    )
    theme_rows = [(theme.label, [Cell(theme.decided), Cell(theme.won), Cell(share(theme.won, theme.decided))]) for theme in themes]
    description = _("Appels dont le bailleur a répondu (financé ou refusé) pendant la période : part des financements obtenus.")
    return [
        Table(
            key="fundraising-success-funder",
            title=_("Taux de succès par bailleur"),
            description=description,
            label_header=_("Bailleur"),
            columns=columns,
            rows=funder_rows,
            unit="%",
        ),
        Table(
            key="fundraising-success-theme",
            title=_("Taux de succès par thème"),
            description=description + " " + _("Un appel compte dans chacun de ses thèmes."),
            label_header=_("Thème"),
            columns=columns,
            rows=theme_rows,
            unit="%",
        ),
    ]


def tables(scope: Scope) -> list[Table]:
    return [opportunities_table(scope), amounts_table(scope), *success_tables(scope)]

