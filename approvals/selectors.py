"""The engine's reads, already scoped to what the user may see."""

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, Value

from .access import content_type_id_for
from .models import Ballot, Committee, Notification, Seat, TimelineEntry, Vote
from .services.transitions import transition_label


def ballots_for_member(user, *, open_only: bool = True):
    """Ballots where the user holds a seat, with their own vote and seat state."""
    seats = Seat.objects.filter(ballot=OuterRef("pk"), member=user)
    queryset = (
        Ballot.objects.filter(Exists(seats))
        .select_related("committee")
        .annotate(
            my_vote=Vote.objects.filter(ballot=OuterRef("pk"), member=user).values("choice")[:1],
            i_am_recused=Exists(seats.filter(recused_at__isnull=False)),
            votes_cast=Count("votes", distinct=True),
        )
        .order_by("deadline")
    )
    if open_only:
        queryset = queryset.filter(status=Ballot.Status.OPEN)
    return queryset


def committee_places(user) -> dict:
    """{"sits": the user sits on or chairs a committee, "chairs": they chair
    one}, in one query, kept on the user object for the rest of the request
    (several home sections ask)."""
    places = getattr(user, "_relais_committee_places", None)
    if places is None:
        chair_ids = (
            set(Committee.objects.filter(Q(members=user) | Q(chair=user)).values_list("chair_id", flat=True).distinct())
            if user.is_authenticated
            else set()
        )
        places = {"sits": bool(chair_ids), "chairs": user.pk in chair_ids}
        user._relais_committee_places = places
    return places


def _ballot_visibility(user):
    """Who may open a ballot, as a condition on Ballot rows: its committee's
    chair and members, whoever held a seat on it, and whoever holds the
    role-level right to read every ballot. The one rule behind the ballot
    page (ballot_visible_to) and every list that links to a ballot."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.has_perm("approvals.view_ballot"):
        return Q()
    return (
        Q(committee__chair=user)
        | Q(Exists(Seat.objects.filter(ballot=OuterRef("pk"), member=user)))
        | Q(Exists(Committee.members.through.objects.filter(committee_id=OuterRef("committee_id"), user_id=user.pk)))
    )


def ballot_visible_to(user, ballot: Ballot) -> bool:
    """Individual votes are for the committee: its members and chair."""
    if not user.is_authenticated:
        return False
    return Ballot.objects.filter(_ballot_visibility(user), pk=ballot.pk).exists()


def with_ballot_links(queryset, user):
    """Ballots annotated with `visible`: whether `user` may open each one
    (the same rule as the ballot page), so a page links only to those."""
    condition = _ballot_visibility(user)
    if not condition:  # Q(): every ballot
        return queryset.annotate(visible=Value(True, output_field=BooleanField()))
    return queryset.annotate(visible=ExpressionWrapper(condition, output_field=BooleanField()))


def timeline(dossier, *, internal: bool):
    """A dossier's steps. Applicants (internal=False) see public steps only,
    with public labels and no internal comments."""
    queryset = TimelineEntry.objects.filter(
        content_type__app_label=dossier._meta.app_label,
        content_type__model=dossier._meta.model_name,
        object_id=dossier.pk,
    ).select_related("actor")
    if not internal:
        queryset = queryset.filter(public=True)
    entries = list(queryset.order_by("created_at", "id"))
    model = type(dossier)
    for entry in entries:
        # Words, not codes, in the reader's language.
        entry.from_label = model.state_label(entry.from_state) if entry.from_state else ""
        entry.to_label = model.state_label(entry.to_state) if entry.to_state else ""
        entry.transition_label = transition_label(model, entry.transition) if entry.transition else ""
        entry.change_rows = change_rows(model, entry) if internal else []
    return entries


def change_rows(model, entry) -> list[dict]:
    """What changed at this step (kinds with `tracked_fields`), labels in the reader's language."""
    rows = []
    for change in entry.changes or []:
        try:
            label = str(model._meta.get_field(change["field"]).verbose_name)
        except Exception:  # a tracked value that is not a model field (e.g. documents)
            label = change.get("label", change.get("field", ""))
        rows.append({**change, "label": label})
    return rows


def inbox(user):
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def ballots_for_dossier(dossier, user=None):
    """Every ballot put on this dossier, newest first (open, closed,
    cancelled); with `user`, each annotated `visible` (may they open it)."""
    queryset = Ballot.objects.filter(
        content_type_id=content_type_id_for(type(dossier)),
        object_id=dossier.pk,
    ).select_related("committee", "decision").order_by("-opened_at")
    return with_ballot_links(queryset, user) if user is not None else queryset


def open_ballots_for_dossier(dossier):
    """The ballots of this dossier still waiting for votes."""
    return ballots_for_dossier(dossier).filter(status=Ballot.Status.OPEN)


__all__ = ["ballot_visible_to", "ballots_for_dossier", "ballots_for_member", "inbox", "open_ballots_for_dossier", "timeline", "unread_count", "with_ballot_links", "Q"]


def ballot_certain_outcome(ballot: Ballot, counted: dict):
    """The outcome no remaining vote can change, or None (for the chair's
    "close now" button)."""
    from .tallies import certain_outcome

    return certain_outcome(
        counted["counts"],
        eligible=counted["eligible"],
        threshold=ballot.threshold,
        quorum_percent=ballot.quorum_percent,
        first_expressed=counted["first_expressed"],
    )
