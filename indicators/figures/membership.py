"""Membership: applications received and decided, time to decision, members
per country and domain. Organisations are not people at risk: no cell is
suppressed here."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Least
from django.utils.translation import gettext as _

from approvals.models import TimelineEntry
from members.models import MembershipApplication, Organisation, Theme
from members.permissions import may_list_applications

from ..tables import Cell, Table
from .common import Scope, countries, counted, link, median_days

State = MembershipApplication.State


def applications_dated(scope: Scope):
    """Applications with their first submission (the earliest of the
    timeline's `submit` step and `submitted_at`, which a resubmission after a
    request for information moves) and their decision, in one query."""
    start, end = scope.bounds
    first_submitted = (
        TimelineEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(MembershipApplication),
            object_id=OuterRef("pk"),
            to_state=State.SUBMITTED,
        )
        .order_by("created_at")
        .values("created_at")[:1]
    )
    queryset = MembershipApplication.objects.annotate(first_submitted=Least(Subquery(first_submitted), "submitted_at"))
    if scope.country:
        queryset = queryset.filter(country=scope.country)
    return list(
        queryset.filter(
            Q(first_submitted__gte=start, first_submitted__lt=end) | Q(decided_at__gte=start, decided_at__lt=end)
        ).values_list("first_submitted", "decided_at", "state")
    )


def tables(scope: Scope) -> list[Table]:
    start, end = scope.bounds
    rows = applications_dated(scope)
    received = sum(1 for submitted, _decided, _state in rows if submitted and start <= submitted < end)
    decided = [
        (submitted, decided_at, state)
        for submitted, decided_at, state in rows
        if decided_at and start <= decided_at < end and state in (State.APPROVED, State.REJECTED)
    ]
    approved = sum(1 for row in decided if row[2] == State.APPROVED)
    listed = scope.user is not None and may_list_applications(scope.user)
    urls = (
        {
            "received": link("members:applications"),
            "approved": link("members:applications", etat=State.APPROVED),
            "refused": link("members:applications", etat=State.REJECTED),
        }
        if listed
        else {}
    )
    cells = counted(
        {"received": received, "decided": len(decided), "approved": approved, "refused": len(decided) - approved},
        sensitive=False,
        urls=urls,
    )
    labels = {
        "received": _("Demandes reçues"),
        "decided": _("Demandes décidées"),
        "approved": _("Demandes approuvées"),
        "refused": _("Demandes rejetées"),
    }
    applications = Table(
        key="membership-applications",
        title=_("Adhésion : demandes"),
        description=_("Demandes soumises pour la première fois, et décidées par le COPIL, pendant la période."),
        label_header=_("Demandes"),
        columns=[_("Nombre")],
        rows=[(str(labels[key]), [cells[key]]) for key in labels],
    )
    durations = [decided_at - submitted for submitted, decided_at, _state in decided if submitted]
    delay = Table(
        key="membership-delay",
        title=_("Adhésion : délai de décision"),
        description=_("Délai médian entre la première soumission et la décision du COPIL, pour les demandes décidées pendant la période."),
        label_header=_("Étape"),
        columns=[_("Demandes décidées"), _("Délai médian (jours)")],
        rows=[(_("Soumission → décision"), [Cell(len(durations)), Cell(median_days(durations))])],
        chart="",
        unit=_("jours"),
    )
    return [applications, delay, *members_tables(scope)]


def _members(scope: Scope):
    queryset = Organisation.objects.in_network().filter(Q(joined_on__isnull=True) | Q(joined_on__lt=scope.period.end))
    if scope.country:
        queryset = queryset.filter(country=scope.country)
    return queryset


def members_tables(scope: Scope) -> list[Table]:
    members = _members(scope)
    names = countries()
    found = dict(members.values_list("country").annotate(n=Count("pk")).values_list("country", "n"))
    shown = [scope.country] if scope.country else list(names)
    per_country = counted(
        {code: found.get(code, 0) for code in shown},
        sensitive=False,
        urls={code: link("members:directory", country=code) for code in shown},
    )
    themes = list(
        Theme.objects.annotate(n=Count("organisations", filter=Q(organisations__in=members.values("pk")))).order_by(
            "position", "name"
        )
    )
    per_domain = counted(
        {theme.code: theme.n for theme in themes},
        sensitive=False,
        urls={theme.code: link("members:directory", domain=theme.code, country=scope.country) for theme in themes},
    )
    note = _("Organisations membres (actives ou suspendues) aujourd'hui, entrées dans le réseau avant la fin de la période.")
    return [
        Table(
            key="members-country",
            title=_("Membres par pays"),
            description=note,
            label_header=_("Pays"),
            columns=[_("Organisations membres")],
            rows=[(names.get(code, code), [per_country[code]]) for code in shown],
        ),
        Table(
            key="members-domain",
            title=_("Membres par domaine thématique"),
            description=note + " " + _("Une organisation compte dans chacun de ses domaines."),
            label_header=_("Domaine"),
            columns=[_("Organisations membres")],
            rows=[(theme.label, [per_domain[theme.code]]) for theme in themes],
        ),
    ]
