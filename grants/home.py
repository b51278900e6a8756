"""grants' sections of "Ce qui m'attend"."""

from django.db.models import OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.home import exists, probe, register_probe
from accounts.roles import Role

from . import agreement_selectors, selectors
from .agreement_selectors import mine_filter
from .models import GrantAgreement
from .money import format_money

# Whether the person has any participation to confirm (read with the other
# sections' probes in one query).
register_probe("grants.partners", exists(selectors.partners_awaiting_confirmation(OuterRef("pk"))))
from .timezones import reader_time_zone


def calls_to_watch(request):
    """Fundraising group: open calls whose next deadline falls within 30 days."""
    user = request.user
    if not user.is_authenticated or not user.has_role(Role.FUNDRAISING_GROUP):
        return None
    zone = reader_time_zone(user)
    items = [
        {
            "label": f"{o.reference} — {o.title} ({o.funder.name})",
            "url": o.get_absolute_url(),
            "meta": _("date limite : %(date)s") % {"date": date_format(timezone.localtime(o.deadline_at, zone), "SHORT_DATETIME_FORMAT")},
            "overdue": o.is_overdue,
        }
        for o in selectors.deadlines_soon(user)
    ]
    # The way to the board (and the donor map behind it) from home.
    items.append(
        {
            "label": _("Tous les appels, par étape (tableau)"),
            "url": reverse("grants:board"),
            "meta": "" if items else _("Aucune date limite dans les 30 prochains jours."),
        }
    )
    return [
        {
            "title": _("Appels à suivre"),
            "items": items,
            "empty_text": _("Aucune date limite dans les 30 prochains jours."),
            "role": Role.FUNDRAISING_GROUP.value,
        }
    ]


def opportunities_to_assess(request):
    """Fundraising group: calls spotted or being assessed, whatever their
    deadline (the group says whether to take them to the COPIL). One query."""
    user = request.user
    if not user.is_authenticated or not user.has_role(Role.FUNDRAISING_GROUP):
        return None
    return [
        {
            "title": _("Opportunités à évaluer"),
            "items": [
                {
                    "label": f"{o.reference} — {o.title} ({o.funder.name})",
                    "url": o.get_absolute_url(),
                    "meta": o.get_state_display(),
                    "overdue": o.is_overdue,
                }
                for o in selectors.opportunities_to_assess(user)[:20]
            ],
            "empty_text": _("Aucune opportunité n'attend l'évaluation du groupe."),
            "role": Role.FUNDRAISING_GROUP.value,
        }
    ]


def proposals_to_confirm(request):
    """Partners' focal points: participations waiting for their confirmation."""
    user = request.user
    if not user.is_authenticated or not probe(request, "grants.partners"):
        return None
    rows = list(selectors.partners_awaiting_confirmation(user)[:20])
    if not rows:
        return None
    return [
        {
            "title": _("Propositions à confirmer"),
            "items": [
                {
                    "label": f"{row.proposal.reference} — {row.proposal.title}",
                    "url": row.proposal.get_absolute_url(),
                    "meta": _("pour %(organisation)s : %(role)s") % {"organisation": row.organisation, "role": row.role},
                }
                for row in rows
            ],
            "empty_text": "",
        }
    ]


# Whether the person is a focal point of an agreement's lead or partner (read with the other probes):
# one EXISTS per side, as an OR of both joins would walk every organisation on each home page.
register_probe(
    "grants.agreements_as_lead",
    exists(GrantAgreement.objects.filter(proposal__lead_organisation__focal_points=OuterRef("pk"))),
)
register_probe(
    "grants.agreements_as_partner", exists(GrantAgreement.objects.filter(shares__organisation__focal_points=OuterRef("pk")))
)


def _in_an_agreement(request) -> bool:
    return probe(request, "grants.agreements_as_lead") or probe(request, "grants.agreements_as_partner")


def grant_agreements(request):
    """The lead's and partners' focal points: their projects' grant agreements
    (a partner sees its own share there); the fundraising group and the lead:
    transfers waiting for a second person."""
    user = request.user
    if not user.is_authenticated:
        return None
    sections = []
    if user.has_role(Role.FUNDRAISING_GROUP) or _in_an_agreement(request):
        to_confirm = list(agreement_selectors.transfers_awaiting_confirmation(user)[:20])
        if to_confirm or user.has_role(Role.FUNDRAISING_GROUP):
            sections.append({
                "title": _("Transferts à confirmer"),
                "items": [
                    {
                        "label": f"{t.agreement.proposal.reference} — {t.share.organisation}",
                        "url": t.agreement.get_absolute_url() + "#transferts",
                        "meta": format_money(t.amount, t.currency),
                    }
                    for t in to_confirm
                ],
                "empty_text": _("Aucun transfert n'attend de deuxième confirmation."),
                "role": Role.FUNDRAISING_GROUP.value if user.has_role(Role.FUNDRAISING_GROUP) else None,
            })
    if _in_an_agreement(request):
        agreements = GrantAgreement.objects.filter(pk__in=GrantAgreement.objects.filter(mine_filter(user)).values("pk"))
        sections.append({
            "title": _("Accords de financement de nos projets"),
            "items": [
                {"label": f"{a.proposal.reference} — {a.proposal.title}", "url": a.get_absolute_url(), "meta": a.get_state_display()}
                for a in agreements.select_related("proposal").order_by("-created_at")[:20]
            ],
            "empty_text": "",
        })
    return sections or None
