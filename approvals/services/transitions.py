"""The one way a dossier changes state: `perform()`."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..access import content_type_id_for, grant, holds, object_codenames
from ..fsm import TransitionRefused, is_system_only
from ..models import OutboxMessage, TimelineEntry
from .notifications import notification_payloads
from .locking import PREVIOUS_SNAPSHOT, forget_read_with_lock, lock_row
from .outbox import kick_after_commit, unsaved_messages
from .writes import one_statement_possible, write_together


SYSTEM_LABEL = gettext_lazy("Relais (automatique)")


def transitions_of(model) -> dict:
    """name -> django-fsm transition metadata for a dossier model (read once
    per model: the class does not change while the process runs)."""
    found = _transitions.get(model)
    if found is None:
        found = {}
        for name in dir(model):
            meta = getattr(getattr(model, name, None), "_django_fsm", None)
            if meta is not None:
                found[name] = meta
        _transitions[model] = found
    return dict(found)


_transitions: dict[type, dict] = {}


def is_generic(model, name: str) -> bool:
    """May `name` be fired from the engine's generic page (a bare button)?
    Only the kind's `generic_transitions` may, never a system-only one."""
    meta = getattr(getattr(model, name, None), "_django_fsm", None)
    return meta is not None and name in model.generic_transitions and not is_system_only(meta)


def available_transitions(dossier, user, *, generic: bool = True) -> list[str]:
    """Transitions this user may fire now on this dossier: by default the
    generic ones (buttons); `generic=False` adds those that need the kind's
    own form (to decide whether to show that form)."""
    names = []
    model = type(dossier)
    # The user's rights on this dossier, read once for all its transitions.
    codenames = object_codenames(user, dossier) if user is not None else None
    for name, meta in transitions_of(model).items():
        if is_system_only(meta):
            continue
        if generic and not is_generic(model, name):
            continue
        if not meta.has_transition(dossier.state):
            continue
        if not meta.conditions_met(dossier, dossier.state):
            continue
        if user is not None and not _allowed(meta, dossier, dossier.state, user, codenames=codenames):
            continue
        names.append(name)
    return sorted(names)


def transition_label(model, name: str) -> str:
    """A transition's words: `Model.method.label = _("...")` or
    `@transition(..., custom={"label": _("...")})`; else its name."""
    method = getattr(model, name, None)
    label = getattr(method, "label", None)
    meta = getattr(method, "_django_fsm", None)
    if label is None and meta is not None:
        label = next((t.custom["label"] for t in meta.transitions.values() if "label" in t.custom), None)
    return str(label or name.replace("_", " "))


def _field_values(instance) -> dict:
    return {f.attname: f.value_from_object(instance) for f in instance._meta.concrete_fields}


def perform(dossier, transition: str, *, by, comment: str = "", system: bool = False, **data) -> TimelineEntry:
    """Move `dossier` through `transition` for user `by`, or raise TransitionRefused.

    One transaction: the row is locked, the user's right and the transition's
    conditions are checked, the transition runs, changed fields are saved,
    one timeline entry is appended, notifications are queued in the outbox,
    and the dossier's `transitioned` hook runs. `system=True` (the engine's
    own calls: decisions, timers) skips the user's permission check.
    """
    model = type(dossier)
    meta = getattr(getattr(model, transition, None), "_django_fsm", None)
    if meta is None:
        raise TransitionRefused(_("Action inconnue : %(name)s.") % {"name": transition}, status=400)
    if not system and (by is None or not by.is_authenticated):
        raise TransitionRefused(_("Connectez-vous pour agir sur ce dossier."), status=403)
    with transaction.atomic():
        # The row locked, with what this transition reads of it (locking.py).
        locked = lock_row(model, dossier.pk, content_type_id=_content_type_id(model))
        source = locked.state
        if not meta.has_transition(source):
            raise TransitionRefused(
                _("Impossible depuis l'état « %(state)s » : le dossier a peut-être déjà changé.")
                % {"state": model.state_label(source)}
            )
        if not system:
            if is_system_only(meta) or not _allowed(meta, locked, source, by):
                raise TransitionRefused(_("Vous n'avez pas le droit de faire cela sur ce dossier."), status=403)
        for condition in meta.get_transition(source).conditions:
            if not condition(locked):
                reason = getattr(condition, "refusal", None) or _("Les conditions de cette action ne sont pas réunies.")
                raise TransitionRefused(reason)
        before = _field_values(locked)
        getattr(locked, transition)(by=by, **data)
        now = timezone.now()
        if locked.state != source:
            locked.state_entered_at = now
            locked.deadline_at = locked.deadline_for(locked.state, now)
        changed = [f.name for f in model._meta.concrete_fields if f.attname in before and before[f.attname] != f.value_from_object(locked)]
        actor = by if by is not None and by.is_authenticated else None
        entry = TimelineEntry(
            content_type_id=_content_type_id(model),
            object_id=locked.pk,
            dossier_reference=locked.reference,
            kind=TimelineEntry.Kind.TRANSITION,
            transition=transition,
            from_state=source,
            to_state=locked.state,
            actor=actor,
            actor_label=str(actor) if actor is not None else str(SYSTEM_LABEL),
            comment=comment,
            public_label=model.public_label(locked.state) if locked.state != source else "",
            public=locked.state != source,
            created_at=now,
            **_snapshot_and_changes(locked),
        )
        messages = _notifications(locked, entry, actor) if locked.state != source else []
        fields = [*changed, "updated_at"]
        # The row, its timeline entry and its notifications: one statement
        # where the database allows it (approvals.services.writes).
        if one_statement_possible(locked, entry, *messages):
            write_together(update=locked, update_fields=fields, inserts=messages, returning=entry)
        else:
            locked.save(update_fields=fields)
            entry.save()
            if messages:
                OutboxMessage.objects.bulk_create(messages)
        if messages:
            kick_after_commit()
        forget_read_with_lock(locked)
        locked.transitioned(entry)
    _refresh(dossier, locked)
    return entry


def _notifications(dossier, entry, actor) -> list:
    """The outbox rows telling who must hear of this state change (not yet
    written). Each recipient is sent to a page they may open (a referrer to
    its status page, not the case), and reads the state as that page names
    it: the applicant side its public label, handlers the state's own label.
    The applicant side is read once: the kind's `notification_recipients`
    asks for it too."""
    model = type(dossier)
    applicants = set(dossier.applicant_user_ids())
    dossier.applicant_user_ids = lambda: set(applicants)  # for this call only
    try:
        recipients = set(dossier.notification_recipients(entry))
    finally:
        del dossier.applicant_user_ids
    if actor is not None:
        recipients.discard(actor.pk)
    groups = {}
    for recipient_id in recipients:
        side = (dossier.notification_url(recipient_id), recipient_id in applicants)
        groups.setdefault(side, set()).add(recipient_id)
    messages = []
    for (url, public), ids in sorted(groups.items()):
        params = {"reference": dossier.reference, "kind": model.kind_key(), "state": dossier.state, "public": public}
        payloads = notification_payloads(ids, "dossier.transitioned", params, url=url, sensitive=model.sensitive)
        messages += unsaved_messages("notify", payloads)
    return messages


def _allowed(meta, dossier, state, user, *, codenames=None) -> bool:
    """django-fsm's `has_transition_perm`, with the object permission read in
    one query on the direct tables (approvals.access.holds) instead of
    guardian's checker: the same answer, fewer round trips."""
    transition = meta.get_transition(state)
    if transition is None:
        return False
    permission = transition.permission
    if not permission:
        return True
    if callable(permission):
        return bool(permission(dossier, user))
    return holds(user, permission, dossier, codenames=codenames)


def _previous_snapshots(model, pk):
    return (
        TimelineEntry.objects.filter(content_type_id=_content_type_id(model), object_id=pk, snapshot__isnull=False)
        .order_by("-created_at", "-id")
        .values("snapshot")
    )


def _snapshot_and_changes(dossier) -> dict:
    """For kinds with `tracked_fields`: the tracked values now, and what
    differs from the previous snapshot (a resubmission shows what changed)."""
    if not type(dossier).tracked_fields:
        return {}
    snapshot = dossier.tracked_values()
    if PREVIOUS_SNAPSHOT in dossier.__dict__:  # read with the row's lock
        previous = dossier.__dict__[PREVIOUS_SNAPSHOT]
    else:
        previous = _previous_snapshots(type(dossier), dossier.pk).values_list("snapshot", flat=True).first()
    if previous is None:
        return {"snapshot": snapshot}
    changes = []
    for name, now in snapshot.items():
        before = (previous.get(name) or {}).get("value", "")
        if before != now["value"]:
            changes.append({"field": name, "label": now["label"], "before": before, "after": now["value"]})
    return {"snapshot": snapshot, "changes": changes}


def _refresh(stale, fresh):
    """Bring the caller's instance up to date without a query."""
    for field in type(fresh)._meta.concrete_fields:
        stale.__dict__[field.attname] = fresh.__dict__[field.attname]
    if hasattr(stale, "_update_initial_state"):
        stale._update_initial_state()


def _content_type_id(model) -> int:
    return content_type_id_for(model)


def record_event(dossier, *, by=None, comment: str = "", label: str = "", public: bool = False) -> TimelineEntry:
    """A timeline entry that is not a state change (a ballot opened, a decision)."""
    return TimelineEntry.objects.create(
        content_type_id=_content_type_id(type(dossier)),
        object_id=dossier.pk,
        dossier_reference=dossier.reference,
        kind=TimelineEntry.Kind.EVENT,
        from_state=dossier.state,
        to_state=dossier.state,
        actor=by if by is not None and by.is_authenticated else None,
        actor_label=str(by) if by is not None and by.is_authenticated else str(SYSTEM_LABEL),
        comment=comment,
        public_label=label,
        public=public,
    )


@transaction.atomic
def dossier_create(model, *, by, owner=None, grant_owner=("view",), **fields):
    """Create a dossier: reference, timeline's first entry, owner's rights."""
    owner = owner if owner is not None else (by if by is not None and by.is_authenticated else None)
    dossier = model(owner=owner, **fields)
    dossier.save()
    if owner is not None and grant_owner:
        grant(owner, dossier, *grant_owner)
    TimelineEntry.objects.create(
        content_type_id=_content_type_id(model),
        object_id=dossier.pk,
        dossier_reference=dossier.reference,
        kind=TimelineEntry.Kind.CREATED,
        to_state=dossier.state,
        actor=by if by is not None and by.is_authenticated else None,
        actor_label=str(by) if by is not None and by.is_authenticated else str(SYSTEM_LABEL),
        public_label=model.public_label(dossier.state),
        public=True,
        created_at=dossier.created_at,
    )
    return dossier
