"""Joint proposals: in preparation, submitted to the funder and funded, and
their partner organisations per country."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from grants.models import JointProposal
from members.models import Organisation

from ..tables import Cell, Table
from .common import Scope, countries, counted, link, reached
from .fundraising import proposals_in_scope

PState = JointProposal.State


def tables(scope: Scope) -> list[Table]:
    _start, end = scope.bounds
    proposals = proposals_in_scope(scope)
    drafting_states = [PState.CONCEPT, PState.DRAFTING, PState.INTERNAL_REVIEW, PState.COPIL_VALIDATION, PState.READY]
    in_drafting = proposals.filter(state__in=drafting_states, created_at__lt=end).count()
    steps = reached(JointProposal, scope, [PState.SUBMITTED, PState.AWARDED], proposals.values("pk")).aggregate(
        submitted=Count("object_id", distinct=True, filter=Q(to_state=PState.SUBMITTED)),
        funded=Count("object_id", distinct=True, filter=Q(to_state=PState.AWARDED)),
    )
    url = link("grants:proposals") if scope.may("grants.view_jointproposal") else ""
    cells = counted({"drafting": in_drafting, **steps}, sensitive=False, urls=dict.fromkeys(["drafting", "submitted", "funded"], url))
    labels = {
        "drafting": _("En préparation aujourd'hui"),
        "submitted": _("Soumises au bailleur"),
        "funded": _("Financées"),
    }
    counts = Table(
        key="proposals",
        title=_("Projets communs"),
        description=_("Propositions en préparation (de l'idée à « prête à soumettre ») aujourd'hui ; soumises et financées pendant la période."),
        label_header=_("Propositions"),
        columns=[_("Nombre")],
        rows=[(str(labels[key]), [cells[key]]) for key in labels],
    )
    # Partners (the lead included) of the proposals submitted or funded in the period.
    active = reached(JointProposal, scope, [PState.SUBMITTED, PState.AWARDED], proposals.values("pk")).values("object_id")
    partnered = Organisation.objects.filter(
        Q(led_proposals__in=active) | Q(proposal_partnerships__proposal_id__in=active)
    ).values("pk")
    found = dict(
        Organisation.objects.filter(pk__in=partnered).values_list("country").annotate(n=Count("pk")).values_list("country", "n")
    )
    names = countries()
    partners = Table(
        key="proposals-partners",
        title=_("Partenaires des projets communs par pays"),
        description=_("Organisations (cheffe de file comprise) des propositions soumises ou financées pendant la période."),
        label_header=_("Pays"),
        columns=[_("Organisations partenaires")],
        rows=[(names.get(code, code), [Cell(count)]) for code, count in sorted(found.items(), key=lambda item: names.get(item[0], item[0]))],
    )
    return [counts, partners]
