"""The dossier base: what the engine knows of every dossier kind.

A dossier kind (membership application, opportunity, proposal, emergency
case) subclasses `Dossier`, declares its own protected FSM `state` field and
its transitions, and fills in the class attributes below. The engine never
imports a domain app: it finds dossier kinds through `approvals.registry`.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMModelMixin

from ..saving import writes_as_django


class Sequence(models.Model):
    """A counter per key (e.g. `ADH-2026`), advanced under a row lock.

    Taken in the same transaction as the row that uses the number, so a
    rolled-back creation gives its number back: no gaps, no duplicates.
    """

    key = models.CharField(max_length=40, unique=True)
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("séquence de références")
        verbose_name_plural = _("séquences de références")

    def __str__(self):
        return f"{self.key}: {self.last_value}"

    @classmethod
    def next_value(cls, key: str) -> int:
        with transaction.atomic():
            cls.objects.bulk_create([cls(key=key, last_value=0)], ignore_conflicts=True)
            sequence = cls.objects.select_for_update().get(key=key)
            sequence.last_value += 1
            sequence.save(update_fields=["last_value"])
            return sequence.last_value


def next_reference(prefix: str, *, digits: int = 4, year: int | None = None) -> str:
    year = year or timezone.localdate().year
    key = f"{prefix}-{year}"
    return f"{key}-{Sequence.next_value(key):0{digits}d}"


class Dossier(FSMModelMixin, models.Model):
    """Abstract base of every dossier kind.

    Subclasses define `state = FSMField(..., protected=True)`, set
    `reference_prefix`, and override the attributes and hooks below only
    where they differ. Every one of them (what the engine calls it for,
    when, its default, what a kind returns) is described in
    approvals/README.md, "The dossier interface";
    tests/approvals/test_interface_documented.py keeps the two together.
    """

    reference = models.CharField(_("référence"), max_length=32, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandeur"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    state_entered_at = models.DateTimeField(_("dans cet état depuis"), default=timezone.now, editable=False)
    deadline_at = models.DateTimeField(_("échéance"), null=True, blank=True, editable=False, db_index=True)

    reference_prefix: str = ""
    kind_label = _("dossier")
    public_labels: dict = {}
    state_deadlines: dict = {}
    reminder_offsets: tuple = (timedelta(days=2),)
    deadline_transitions: dict = {}
    decision_transitions: dict = {}
    sensitive: bool = False
    generic_transitions: frozenset = frozenset()
    # Whether the dossier has a thread of messages between its applicant side
    # (`applicant_dossiers`) and its handlers. False: the applicant side
    # follows the public status only (the referrer of an emergency case).
    applicant_messages: bool = True
    # Someone outside applied and may follow it (a status link makes sense).
    has_applicant: bool = True
    # Fields whose values are kept on each timeline step, so a resubmission
    # shows exactly what changed (M2M by their items, files by name).
    tracked_fields: tuple | list = ()

    class Meta:
        abstract = True

    def __str__(self):
        return self.reference or f"{self.kind_label} (new)"

    @writes_as_django  # numbers a new dossier only
    def save(self, *args, **kwargs):
        if not self.reference:
            if not self.reference_prefix:
                raise TypeError(f"{type(self).__name__} has no reference_prefix")
            self.reference = next_reference(self.reference_prefix)
            self.state_entered_at = timezone.now()
            self.deadline_at = self.deadline_for(self.state, self.state_entered_at)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("approvals:dossier", kwargs={"reference": self.reference})

    # --- the interface the engine uses -------------------------------------------

    @classmethod
    def kind_key(cls) -> str:
        return cls._meta.label_lower

    @classmethod
    def state_label(cls, state: str) -> str:
        return str(dict(cls._meta.get_field("state").choices).get(state, state))

    @classmethod
    def public_label(cls, state: str) -> str:
        label = cls.public_labels.get(state)
        return str(label) if label is not None else cls.state_label(state)

    @classmethod
    def deadline_delta(cls, state: str) -> timedelta | None:
        overrides = getattr(settings, "RELAIS_DEADLINES", {}).get(cls.reference_prefix, {})
        if state in overrides:
            return timedelta(hours=float(overrides[state]))
        return cls.state_deadlines.get(state)

    def deadline_for(self, state: str, entered_at):
        delta = self.deadline_delta(state)
        return entered_at + delta if delta else None

    @property
    def public_state(self) -> str:
        return self.public_label(self.state)

    def state_label_for(self, *, internal: bool) -> str:
        """The one name of the current state a reader sees, on the page and
        in messages: its own label for handlers, its public label for the
        applicant side."""
        return str(self.state_label(self.state)) if internal else self.public_state

    @property
    def is_overdue(self) -> bool:
        return bool(self.deadline_at and self.deadline_at < timezone.now())

    def sees_internal(self, user) -> bool:
        """Whether `user` sees internal comments and steps, ballots and votes,
        and may issue status links — or only what an applicant sees.

        The rule (approvals/README.md, "Who sees committee material"): the
        applicant side of a dossier — the people `tied_user_ids()` names, who
        are recused from its ballots — never does, whatever rights they hold
        to edit its content; the others do when the kind's `handles(user)`
        says so. Kinds override `handles`, not this method.
        """
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        # Asked several times per page (timeline, ballots, messages): read once
        # per instance and user; access.grant/revoke forget it.
        from ..access import SEES_INTERNAL_CACHE

        known = self.__dict__.setdefault(SEES_INTERNAL_CACHE, {})
        if user.pk not in known:
            known[user.pk] = user.pk not in self.tied_user_ids() and self.handles(user)
        return known[user.pk]

    def handles(self, user) -> bool:
        """Whether `user` works on this dossier's internal side (the applicant
        side is already excluded by `sees_internal`). Default: never the
        owner; those who may change it or see every dossier of its kind
        through a role, or hold an unrecused seat in one of its ballots."""
        from ..access import can, perm_name

        from .ballots import Seat

        if user.pk == self.owner_id:
            return False
        if can(user, "change", self) or user.has_perm(perm_name(type(self), "view")):
            return True
        return Seat.objects.filter(
            member=user,
            recused_at__isnull=True,
            ballot__content_type__app_label=self._meta.app_label,
            ballot__content_type__model=self._meta.model_name,
            ballot__object_id=self.pk,
        ).exists()

    def tied_user_ids(self) -> set[int]:
        """Users tied to this dossier (its organisation, partners, referrer):
        recused automatically from its ballots."""
        return {self.owner_id} if self.owner_id else set()

    def notification_recipients(self, entry) -> set[int]:
        """Who must hear of this transition (user ids). Default: the applicant."""
        return {self.owner_id} if self.owner_id else set()

    def notification_url(self, recipient_id: int) -> str:
        """The page a notification about this dossier sends this recipient
        to: one they may open. Default: the dossier's page."""
        return self.get_absolute_url()

    def timer_recipients(self) -> set[int]:
        """Who is reminded of this dossier's deadline and alerted halfway/overdue."""
        return set()

    # --- letters (approvals.letters reads these; plain data only) ------------------

    def letter_kind(self, decision) -> str | None:
        """The letter template kind for this decision (e.g. "membership_approved"),
        or None for no letter."""
        return None

    def letter_context(self, decision) -> dict:
        """Plain data (str, numbers, dates, lists, dicts) a letter template may
        read about this dossier; never model instances."""
        return {"dossier_reference": self.reference}

    def letter_recipient(self):
        """The user the letter is addressed to (its language is theirs)."""
        return self.owner

    def letter_language(self) -> str:
        """The language of its letters when not the recipient's ("": theirs)."""
        return ""

    # --- the applicants' space ----------------------------------------------------

    @classmethod
    def applicant_dossiers(cls, user):
        """The dossiers of this kind `user` follows as an applicant (one SQL
        query). Default: those they own and may view."""
        from ..access import visible

        if not user.is_authenticated:
            return cls.objects.none()
        return visible(user, cls.objects.filter(owner=user))

    def expected_of_applicant(self) -> dict | None:
        """What the applicant must do now: {"text": str, "due": datetime | None}, or None."""
        return None

    def applicant_url(self) -> str:
        """Where the applicant reads and acts on this dossier."""
        return self.get_absolute_url()

    def applicant_user_ids(self) -> set[int]:
        """The applicant side's people (told of a handler's message). Default: the owner."""
        return {self.owner_id} if self.owner_id else set()

    def message_recipients_for_applicant(self) -> set[int]:
        """Who is told of an applicant's message: those reminded of its
        deadline, and whoever moved it through its steps (its handlers)."""
        from .timeline import TimelineEntry

        handlers = set(
            TimelineEntry.objects.filter(
                content_type__app_label=self._meta.app_label,
                content_type__model=self._meta.model_name,
                object_id=self.pk,
                actor__isnull=False,
                actor__is_active=True,
            ).values_list("actor_id", flat=True)
        )
        return (set(self.timer_recipients()) | handlers) - self.applicant_user_ids()

    def tracked_values(self) -> dict:
        """name -> {"label": verbose name, "value": display string} for `tracked_fields`."""
        return self.tracked_values_with(self.tracked_many_labels())

    def tracked_many_labels(self) -> dict[str, list[str]]:
        """name -> the display strings of each many-to-many tracked field (one
        query each; a kind may read them all at once)."""
        return {
            name: [str(item) for item in getattr(self, name).all()]
            for name in self.tracked_fields
            if self._meta.get_field(name).many_to_many
        }

    def tracked_values_with(self, many: dict[str, list[str]]) -> dict:
        """tracked_values, the many-to-many fields' strings given."""
        values = {}
        for name, label, shape, choices in _tracked_shape(type(self)):
            if shape == "many":
                value = ", ".join(sorted(many[name]))
            elif shape == "choices":
                raw = getattr(self, name)
                value = choices.get(make_hashable(raw))
                value = str(raw) if value is None else value  # as get_<name>_display() shows it
            elif shape == "file":
                value = getattr(self, name).name or ""
            else:
                raw = getattr(self, name)
                value = "" if raw is None else (raw.isoformat() if hasattr(raw, "isoformat") else str(raw))
            values[name] = {"label": label, "value": value}
        return values

    @classmethod
    def read_with_lock(cls, row_id: str) -> dict[str, tuple[str, list]]:
        """What every transition of this kind reads, read in the same query
        as the row lock: attribute name -> (a scalar SQL subquery, its
        parameters), where `row_id` is the SQL naming the locked row's id.
        Each value is kept in the locked instance's `__dict__` under its
        name for the transition's own work, and dropped before its
        `transitioned` hook runs. Default: nothing."""
        return {}

    def viewed(self, request, part: str) -> None:
        """Hook run by the engine's pages each time a person reads this
        dossier (`part`: e.g. "timeline"); a sensitive kind logs the read."""

    def transitioned(self, entry) -> None:
        """Hook run by the engine inside the transition's transaction, after the
        timeline entry is written: the domain's consequences of a state change
        (open a ballot, create a directory entry, commit money)."""


_shapes: dict[tuple[type, str | None], tuple] = {}


def _tracked_shape(model) -> tuple:
    """(name, label, "many" | "choices" | "file" | "plain", {value: label})
    for each of a kind's `tracked_fields`, in the current language: read once
    per kind and language (every transition keeps a snapshot, and turning
    twenty labels and a country list into words each time cost more than
    the rest of the snapshot)."""
    key = (model, translation.get_language())
    if key not in _shapes:
        shape = []
        for name in model.tracked_fields:
            field = model._meta.get_field(name)
            choices = {}
            if field.many_to_many:
                kind = "many"
            elif field.choices:
                kind = "choices"
                choices = {make_hashable(value): str(label) for value, label in field.flatchoices}
            elif isinstance(field, models.FileField):
                kind = "file"
            else:
                kind = "plain"
            shape.append((name, str(field.verbose_name), kind, choices))
        _shapes[key] = tuple(shape)
    return _shapes[key]
