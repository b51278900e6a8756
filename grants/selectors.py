"""grants' reads, scoped in SQL to what the reader may see."""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Prefetch, Q, Sum, Value
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.roles import Role
from approvals.access import access, visible
from members.models import Theme

from .models import BudgetLine, ExchangeRate, Funder, JointProposal, LogframeItem, Opportunity, OpportunitySheet, ProposalPartner
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


def access_opportunity(user, reference: str, *, action: str = "view", for_update: bool = False) -> Opportunity:
    """404 when missing or forbidden alike."""
    return access(user, Opportunity, action=action, for_update=for_update, reference=reference)


def find_existing(*, link_key: str, natural_key: str, exclude_pk=None) -> Opportunity | None:
    """The recorded call with this link, else with this funder, title and deadline."""
    queryset = Opportunity.objects.all()
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    if link_key:
        found = queryset.filter(link_key=link_key).first()
        if found is not None:
            return found
    return queryset.filter(natural_key=natural_key).first()


def pursued_opportunities(user):
    """Calls a new proposal may answer: those the network pursues."""
    return visible(user, Opportunity.objects.filter(state=Opportunity.State.PURSUING)).select_related("funder")


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


def funder_opportunities(user, funder, *, limit: int = 50):
    """The funder's calls the reader may see, latest first."""
    return visible_opportunities(user).filter(funder=funder).order_by("-created_at")[:limit]


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


# --- accessors: 404 when missing or not the reader's to see --------------------------------


def _found(allowed: bool, queryset, **lookup):
    if not allowed:
        raise Http404
    return get_object_or_404(queryset, **lookup)


def access_funder(user, pk: int, *, for_page: bool = False) -> Funder:
    """Funders are the fundraising group's map: seen through the role."""
    queryset = Funder.objects.prefetch_related("themes", "country_rows", "contacts") if for_page else Funder.objects.all()
    return _found(user.has_perm("grants.view_funder"), queryset, pk=pk)


def access_funder_contact(user, funder: Funder, pk: int):
    return _found(user.has_perm("grants.view_funder"), funder.contacts.all(), pk=pk)


def recent_rates(*, limit: int = 100):
    return ExchangeRate.objects.select_related("recorded_by")[:limit]


def access_sheet(user, pk: int) -> OpportunitySheet:
    return _found(user.has_perm("grants.import_opportunity"), OpportunitySheet.objects.all(), pk=pk)


def recent_sheets(*, limit: int = 10):
    return OpportunitySheet.objects.select_related("uploaded_by").defer("content")[:limit]


def access_proposal(user, reference: str, *, action: str = "view") -> JointProposal:
    """404 when missing or forbidden. Reading follows the focal points of the
    lead and partners at query time, not only the rights given when they joined."""
    if action != "view":
        return access(user, JointProposal, action=action, reference=reference)
    try:
        return visible_proposals(user).get(reference=reference)
    except JointProposal.DoesNotExist:
        raise Http404 from None


def access_partner(user, reference: str, pk: int) -> ProposalPartner:
    """A partner row of a proposal the user may see."""
    proposal = access_proposal(user, reference)
    return get_object_or_404(ProposalPartner.objects.select_related("proposal", "organisation"), pk=pk, proposal=proposal)


def access_budget_line(user, reference: str, pk: int) -> BudgetLine:
    proposal = access_proposal(user, reference)
    return get_object_or_404(BudgetLine.objects.select_related("proposal", "organisation"), pk=pk, proposal=proposal)


def access_logframe_item(user, reference: str, pk: int) -> LogframeItem:
    proposal = access_proposal(user, reference)
    return get_object_or_404(LogframeItem.objects.select_related("proposal"), pk=pk, proposal=proposal)


def access_proposal_document(user, reference: str, pk: int):
    proposal = access_proposal(user, reference)
    return get_object_or_404(proposal.documents.select_related("proposal"), pk=pk)
