"""The large benchmark dataset, loaded with COPY.

    load(scale=1.0)   # 100,000 dossiers, about 1,000,000 permission rows

Rows are built from the models' own field definitions (defaults, choices,
blank and null), so a new field with a default needs no change here; only
required foreign keys and the few varying columns are named below.

What is loaded (scale 1.0):
- 30,000 applicant users (`bench<i>@example.org`, unusable password);
- 100,000 dossiers: 60,000 membership applications (ADH), 15,000
  organisations (ORG), 10,000 opportunities (OPP), 10,000 joint proposals
  (PRJ), 5,000 emergency cases (URG), states spread over each kind's states;
- guardian's direct tables: the owner's view and change rows (200,000 user
  rows), view rows for 8 of 40 benchmark groups per dossier (800,000 group
  rows), and the viewer's own view rows on every 50th dossier;
- one "created" timeline entry per dossier (100,000);
- the people the measures act as (`people()`), made through the ORM.

Dossier references use the year 2000 (`ADH-2000-000001`), so they never
collide with dossiers created by the measures themselves (current year).
"""

import uuid
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

# kind label -> share of the dossiers
KINDS = {
    "members.MembershipApplication": 0.60,
    "members.Organisation": 0.15,
    "grants.Opportunity": 0.10,
    "grants.JointProposal": 0.10,
    "casework.Case": 0.05,
}
GROUPS = 40
GROUPS_PER_DOSSIER = 8
VIEWER_EVERY = 50
BENCH_YEAR = 2000
# ADH dossiers set aside for the measures that change states (reset each run).
PERFORM_RANGE = (100, 500)  # submitted -> screening by perform() / the FSM method
BALLOT_RANGE = (500, 540)  # copil_review, decided by a committee vote
APPLICANT_EMAIL = "bench0@example.org"
VIEWER_EMAIL = "bench-viewer@example.org"
COPIL_EMAIL = "bench-copil@example.org"
SCREENER_EMAIL = "bench-screener@example.org"
COMMITTEE_EMAILS = [f"bench-copil{i}@example.org" for i in range(1, 5)]

_CHAR_TYPES = {"CharField", "TextField", "EmailField", "URLField", "SlugField"}
_VARYING = {"name", "title", "natural_key", "code_name"}


def counts(scale: float) -> dict:
    total = round(100_000 * scale)
    return {label: max(1, round(total * share)) for label, share in KINDS.items()}


def _model(label):
    from django.apps import apps

    return apps.get_model(label)


def _constant(field):
    """A value for `field` that satisfies its definition."""
    internal = field.get_internal_type()
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if field.choices:
        return next(value for value, _label in field.flatchoices if value not in ("", None))
    if internal in _CHAR_TYPES:
        return "" if field.blank else "Bench"
    if internal in {"DateTimeField"}:
        return timezone.now()
    if internal in {"DateField"}:
        return date.today()
    if internal in {"DecimalField"}:
        return Decimal(0)
    if internal in {"BooleanField"}:
        return False
    if internal in {"UUIDField"}:
        return uuid.uuid4()
    if internal.endswith("IntegerField"):
        return 0
    if internal == "JSONField":
        return {}
    raise TypeError(f"benchmarks.dataset: no value for {field.model.__name__}.{field.name} ({internal})")


def _copy(model, rows_of, count, fixed: dict):
    """COPY `count` rows into `model`'s table. `fixed` maps field name ->
    value (the same for every row); `rows_of(i)` returns field name -> value
    for row i (raw database values, already prepared)."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key and not getattr(f, "generated", False)]
    sample = rows_of(0)
    constants = {}
    for field in fields:
        if field.name in sample or field.attname in sample:
            continue
        value = fixed[field.name] if field.name in fixed else (None if field.is_relation and field.null else None)
        if field.name not in fixed and not field.is_relation:
            value = _constant(field)
        if field.is_relation and field.name not in fixed and not field.null:
            raise TypeError(f"benchmarks.dataset: {model.__name__}.{field.name} needs a value")
        constants[field.name] = field.get_db_prep_save(value, connection)
    columns = [f.column for f in fields]
    sql = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
    names = [f.name for f in fields]
    attnames = [f.attname for f in fields]
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for i in range(count):
            varying = rows_of(i)
            copy.write_row(
                [
                    varying[attname] if attname in varying else varying[name] if name in varying else constants[name]
                    for name, attname in zip(names, attnames, strict=True)
                ]
            )


def _ids(model, where_sql: str, params=()) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {model._meta.db_table} WHERE {where_sql} ORDER BY id", params)
        return [row[0] for row in cursor.fetchall()]


def _states(model) -> list[str]:
    return [value for value, _label in model._meta.get_field("state").choices]


def _dossier_state(label, model, i) -> str:
    states = _states(model)
    if label == "members.MembershipApplication":
        if PERFORM_RANGE[0] <= i < PERFORM_RANGE[1]:
            return model.State.SUBMITTED
        if BALLOT_RANGE[0] <= i < BALLOT_RANGE[1]:
            return model.State.COPIL_REVIEW
    return states[i % len(states)]


@transaction.atomic
def load(scale: float = 1.0, *, stdout=None) -> dict:
    """Load the dataset into an empty, migrated database. Returns the figures."""
    say = (lambda text: stdout.write(text + "\n")) if stdout else (lambda text: None)
    from accounts.models import User

    now = timezone.now()
    per_kind = counts(scale)
    n_users = max(3, round(30_000 * scale))

    say(f"  users: {n_users}")
    _copy(
        User,
        lambda i: {"email": f"bench{i}@example.org", "password": "!", "full_name": f"Bench {i}",
                   "is_active": True, "date_joined": now},
        n_users,
        {},
    )
    user_ids = _ids(User, "email ~ %s", (r"^bench[0-9]+@example\.org$",))

    groups = Group.objects.bulk_create([Group(name=f"bench-group-{g:02d}") for g in range(GROUPS)])
    group_ids = [g.pk for g in groups]

    viewer = User.objects.create(email=VIEWER_EMAIL, full_name="Bench viewer")
    viewer.set_unusable_password()
    viewer.save(update_fields=["password"])
    viewer.groups.add(groups[0])

    # Fixed foreign keys some kinds need.
    from grants.models import Funder

    funder = Funder.objects.create(name="Bench funder")
    fixed_by_label = {"grants.Opportunity": {"funder": funder.pk}}

    from approvals.models import TimelineEntry

    figures = {"users": n_users, "dossiers": 0, "user_rows": 0, "group_rows": 0, "timeline": 0}
    first_org = None
    for label, count in per_kind.items():
        model = _model(label)
        prefix = model.reference_prefix
        fixed = dict(fixed_by_label.get(label, {}))
        if label == "grants.JointProposal":
            fixed["lead_organisation"] = first_org
        varying_fields = [
            f for f in model._meta.concrete_fields
            if not f.primary_key and (f.name in _VARYING or (f.unique and f.name != "reference"))
            and type(f).__module__.startswith("django.")
        ]
        base = {f.name: _constant(f) for f in varying_fields}

        def row(i, model=model, prefix=prefix, varying_fields=varying_fields, base=base):
            values = {
                "reference": f"{prefix}-{BENCH_YEAR}-{i:06d}",
                "owner": user_ids[i % len(user_ids)],
                "state": _dossier_state(label, model, i),
                "created_at": now,
                "updated_at": now,
                "state_entered_at": now,
                "deadline_at": None,
            }
            for field in varying_fields:
                if field.get_internal_type() == "UUIDField":
                    values[field.name] = uuid.uuid4()
                elif isinstance(base[field.name], str) and not field.choices:
                    values[field.name] = f"{base[field.name] or 'Bench'} {i}"[: field.max_length or None]
            return values

        say(f"  {label}: {count} dossiers")
        _copy(model, row, count, fixed)
        ids = _ids(model, "reference LIKE %s", (f"{prefix}-{BENCH_YEAR}-%",))
        if label == "members.Organisation":
            first_org = ids[0]
        figures["dossiers"] += len(ids)

        # guardian's direct tables
        from guardian.utils import get_group_obj_perms_model, get_user_obj_perms_model

        content_type = ContentType.objects.get_for_model(model)
        model_name = model._meta.model_name
        view = Permission.objects.get(content_type=content_type, codename=f"view_{model_name}").pk
        change = Permission.objects.get(content_type=content_type, codename=f"change_{model_name}").pk
        user_rows = []
        for i, pk in enumerate(ids):
            owner = user_ids[i % len(user_ids)]
            user_rows.append((pk, owner, view))
            user_rows.append((pk, owner, change))
            if i % VIEWER_EVERY == 0:
                user_rows.append((pk, viewer.pk, view))
        user_model = get_user_obj_perms_model(model)
        _copy(user_model, lambda i: {"content_object_id": user_rows[i][0], "user_id": user_rows[i][1],
                                     "permission_id": user_rows[i][2]}, len(user_rows), {})
        group_model = get_group_obj_perms_model(model)
        step = GROUPS // GROUPS_PER_DOSSIER

        def group_row(n, ids=ids, view=view, step=step):
            i, k = divmod(n, GROUPS_PER_DOSSIER)
            return {"content_object_id": ids[i], "group_id": group_ids[(i + k * step) % GROUPS], "permission_id": view}

        _copy(group_model, group_row, len(ids) * GROUPS_PER_DOSSIER, {})
        figures["user_rows"] += len(user_rows)
        figures["group_rows"] += len(ids) * GROUPS_PER_DOSSIER

        public = str(model.public_label(model._meta.get_field("state").default))
        _copy(
            TimelineEntry,
            lambda i, ids=ids, prefix=prefix, public=public: {
                "content_type": content_type.pk, "object_id": ids[i], "dossier_reference": f"{prefix}-{BENCH_YEAR}-{i:06d}",
                "kind": TimelineEntry.Kind.CREATED, "to_state": "draft", "actor": user_ids[i % len(user_ids)],
                "actor_label": f"Bench {i % len(user_ids)}", "public_label": public, "public": True, "created_at": now,
            },
            len(ids),
            {},
        )
        figures["timeline"] += len(ids)
    people()
    return figures


def people():
    """The people the measures act as (small, through the ORM)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User
    from approvals.models import Committee

    def person(email, *roles):
        user, _ = User.objects.get_or_create(email=email, defaults={"full_name": email.split("@")[0]})
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.groups.add(*Group.objects.filter(name__in=roles))
        if user.needs_second_factor:
            TOTPDevice.objects.get_or_create(user=user, name="default", defaults={"confirmed": True})
        return user

    copil = person(COPIL_EMAIL, "copil_member")
    members = [person(email, "copil_member") for email in COMMITTEE_EMAILS]
    person(SCREENER_EMAIL, "membership_group")
    committee = Committee.objects.get(code="copil")
    committee.chair = copil
    committee.save(update_fields=["chair"])
    committee.members.set([copil, *members])


def vacuum_analyze():
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
