"""grants' reads, scoped in SQL to what the reader may see."""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Prefetch, Q, Sum, Value
from django.utils import timezone

from accounts.roles import Role
from approvals.access import visible
from members.models import Theme

from .models import BudgetLine, Funder, JointProposal, Opportunity, ProposalPartner
from .money import rate_for

BOARD_COLUMNS = [
    Opportunity.State.SPOTTED,
    Opportunity.State.ASSESSING,
    Opportunity.State.GO_NO_GO,
    Opportunity.State.PURSUING,
    Opportunity.State.SUBMITTED,
]
CLOSED_COLUMNS = [
    Opportunity.State.AWARDED,
    Opportunity.State.DECLINED,
    Opportunity.State.NO_GO,
    Opportunity.State.DROPPED,
    Opportunity.State.EXPIRED,
]


def visible_opportunities(user):
    return visible(user, Opportunity.objects.all())


def opportunity_board(user, *, closed_limit: int = 20) -> dict:
    """Open calls in columns by state (soonest deadline first), and the most
    recently closed ones apart. Two queries, whatever the number of calls."""
    open_calls = (
        visible_opportunities(user)
        .filter(state__in=BOARD_COLUMNS)
        .select_related("funder")
        .order_by("deadline_at", "-created_at")
    )
    columns = {state: [] for state in BOARD_COLUMNS}
    for opportunity in open_calls:
        columns[opportunity.state].append(opportunity)
    closed = list(
        visible_opportunities(user)
        .filter(state__in=CLOSED_COLUMNS)
        .select_related("funder")
        .order_by("-state_entered_at")[:closed_limit]
    )
    return {
        "columns": [(state, Opportunity.state_label(state), columns[state]) for state in BOARD_COLUMNS],
        "closed": closed,
    }


def opportunity_detail(user, reference: str) -> Opportunity:
    from approvals.access import access

    return access(
        user,
        Opportunity,
        reference=reference,
    )


def deadlines_soon(user, *, days: int = 30, limit: int = 10):
    now = timezone.now()
    return (
        visible_opportunities(user)
        .filter(state__in=Opportunity.EXPIRING_STATES, deadline_at__isnull=False, deadline_at__lte=now + timedelta(days=days))
        .select_related("funder")
        .order_by("deadline_at")[:limit]
    )


def opportunities_to_assess(user):
    """Calls spotted or being assessed, nearest deadline first."""
    return (
        visible_opportunities(user)
        .filter(state__in=[Opportunity.State.SPOTTED, Opportunity.State.ASSESSING])
        .select_related("funder")
        .order_by(F("deadline_at").asc(nulls_last=True), "created_at")
    )


def funders_list(*, kind: str = "", country: str = "", theme_id=None, query: str = ""):
    funders = Funder.objects.all()
    if kind:
        funders = funders.filter(kind=kind)
    if country:
        funders = funders.filter(country_rows__country=country)
    if theme_id:
        funders = funders.filter(themes=theme_id)
    if query:
        funders = funders.filter(Q(name__icontains=query) | Q(acronym__icontains=query))
    open_calls = Count("opportunities", filter=Q(opportunities__state__in=Opportunity.OPEN_STATES), distinct=True)
    return (
        funders.distinct()
        .annotate(open_calls=open_calls)
        .prefetch_related("themes", "country_rows")
        .order_by("name")
    )


def funder_matrix(*, by: str):
    """Funders against themes (by="theme") or countries (by="country"): where
    money for a theme or a country may come from. Rows are themes or
    countries, each listing its funders and the open calls among them."""
    funders = list(Funder.objects.prefetch_related("themes", "country_rows").order_by("name"))
    open_calls = Opportunity.objects.filter(state__in=Opportunity.OPEN_STATES)
    if by == "theme":
        axis = [(theme.pk, theme.label) for theme in Theme.objects.all()]
        funders_of = defaultdict(list)
        for funder in funders:
            for theme in funder.themes.all():
                funders_of[theme.pk].append(funder)
        counts = open_calls.values_list("themes", "funder_id").annotate(n=Count("pk", distinct=True))
    else:
        axis = [(code, str(label)) for code, label in settings.RELAIS_COUNTRIES]
        funders_of = defaultdict(list)
        for funder in funders:
            for row in funder.country_rows.all():
                funders_of[row.country].append(funder)
        counts = open_calls.values_list("country_rows__country", "funder_id").annotate(n=Count("pk", distinct=True))
    calls = defaultdict(int)
    call_totals = defaultdict(int)
    for key, funder_id, n in counts:
        if key is None:
            continue
        calls[(key, funder_id)] = n
        call_totals[key] += n
    rows = []
    for key, label in axis:
        rows.append(
            {
                "key": key,
                "label": label,
                "funders": [{"funder": f, "open_calls": calls.get((key, f.pk), 0)} for f in funders_of.get(key, [])],
                "open_calls": call_totals.get(key, 0),
            }
        )
    return {"rows": rows, "funders": funders}


def visible_proposals(user):
    """Proposals the user may read: through a role or an object right, or as a
    focal point of the lead or of a partner (read at query time)."""
    if not user.is_authenticated or not user.is_active:
        return JointProposal.objects.none()
    granted = visible(user, JointProposal.objects.all())
    if not granted.query.where:  # a role sees every proposal
        return granted
    return JointProposal.objects.filter(Q(pk__in=granted.values("pk")) | JointProposal.focal_point_filter(user))


def listed_proposals(user):
    """The proposals list: what the user may read, each annotated `openable`
    (may they open its page). The auditor reads the list of every proposal
    (reference, title, lead, call, partners, state), read-only, and opens
    none: their register of decisions is where they see outcomes."""
    readable = visible_proposals(user)
    if user.is_authenticated and user.is_active and user.has_role(Role.AUDITOR):
        if not readable.query.where:
            return readable.annotate(openable=Value(True, output_field=BooleanField()))
        return JointProposal.objects.annotate(
            openable=ExpressionWrapper(Q(pk__in=readable.values("pk")), output_field=BooleanField())
        )
    return readable.annotate(openable=Value(True, output_field=BooleanField()))


def proposals_list(user):
    return (
        listed_proposals(user)
        .select_related("lead_organisation", "opportunity__funder")
        .annotate(
            partner_count=Count("partners", distinct=True),
            unconfirmed=Count("partners", filter=Q(partners__confirmed_at__isnull=True), distinct=True),
        )
        .order_by("-created_at")
    )


def partners_awaiting_confirmation(user):
    """Partner rows of the user's organisations still to confirm."""
    return (
        ProposalPartner.objects.filter(
            organisation__focal_points=user,
            confirmed_at__isnull=True,
            proposal__state__in=JointProposal.CONFIRMABLE_STATES,
        )
        .select_related("proposal", "organisation")
        .order_by("added_at")
    )


def proposal_for_page(proposal: JointProposal) -> JointProposal:
    """Everything its page shows, in a fixed number of queries."""
    return (
        JointProposal.objects.filter(pk=proposal.pk)
        .select_related("lead_organisation", "opportunity__funder", "owner")
        .prefetch_related(
            "themes",
            "country_rows",
            Prefetch("partners", queryset=ProposalPartner.objects.select_related("organisation", "confirmed_by")),
            Prefetch("budget_lines", queryset=BudgetLine.objects.select_related("organisation").order_by("organisation__name", "category", "id")),
            "logframe",
            "documents__uploaded_by",
        )
        .get()
    )


def budget_totals(proposal: JointProposal) -> dict:
    """Totals per organisation, per category and per currency, summed by the
    database within each currency; a grand total in the proposal's currency
    only when every other currency has a recorded rate (shown with its date)."""
    lines = BudgetLine.objects.filter(proposal=proposal)
    by_organisation = list(
        lines.values("organisation_id", "organisation__name", "organisation__acronym", "currency")
        .annotate(total=Sum("amount"))
        .order_by("organisation__name", "currency")
    )
    categories = dict(BudgetLine.Category.choices)
    by_category = [
        {**row, "label": categories.get(row["category"], row["category"])}
        for row in lines.values("category", "currency").annotate(total=Sum("amount")).order_by("category", "currency")
    ]
    by_currency = list(lines.values("currency").annotate(total=Sum("amount")).order_by("currency"))
    converted, rates, missing = None, [], []
    if by_currency:
        grand = 0
        for row in by_currency:
            if row["currency"] == proposal.currency:
                grand += row["total"]
                continue
            found = rate_for(row["currency"], proposal.currency)
            if found is None:
                missing.append(row["currency"])
                continue
            rate, rate_date = found
            grand += (row["total"] * rate).quantize(row["total"].__class__("0.01"))
            rates.append({"from": row["currency"], "to": proposal.currency, "rate": rate, "date": rate_date})
        if not missing:
            converted = grand
    return {
        "by_organisation": by_organisation,
        "by_category": by_category,
        "by_currency": by_currency,
        "converted_total": converted,
        "converted_currency": proposal.currency,
        "rates": rates,
        "missing_rates": missing,
        "single_currency": len(by_currency) <= 1,
    }
