"""Reads of the applicants' space, scoped to what the applicant may see.

The same few queries whatever the number of dossiers and kinds: the
dossiers (one query per kind that has applicants, the kind's
`applicant_dossiers`), then their public steps, their letters and their
unread messages, each in one query over every kind at once (by content type
and id).
"""

from collections import defaultdict

from django.db.models import Count, Q

from ..access import can, content_type_id_for, visible
from ..models import DossierMessage, Letter, TimelineEntry
from ..registry import dossier_model_for_reference, dossier_models

# What the public steps show (approvals/space/_public_steps.html).
STEP_FIELDS = ("content_type_id", "object_id", "created_at", "kind", "public_label")


def _letter_allowed_for_applicant(user, letter, dossier) -> bool:
    """Mirror of approvals.letters.permissions.letter_access for a dossier in
    the user's `applicant_dossiers`: every letter of a non-sensitive dossier.
    Checked without a query per letter; the download view checks again."""
    return not (letter.sensitive or type(dossier).sensitive)


def _followed(user) -> list[tuple[type, list]]:
    """(kind, its dossiers the user follows as an applicant), kinds with none left out."""
    found = []
    for model in dossier_models():
        queryset = model.applicant_dossiers(user)
        if queryset.query.is_empty():
            continue
        dossiers = list(queryset.order_by("-updated_at"))
        if dossiers:
            found.append((model, dossiers))
    return found


def _of(groups) -> Q:
    """Rows of a generic relation (content_type, object_id) pointing at these dossiers."""
    condition = Q()
    for model, dossiers in groups:
        condition |= Q(content_type_id=content_type_id_for(model), object_id__in=[dossier.pk for dossier in dossiers])
    return condition


def applicant_space(user, *, details: bool = True) -> list[dict]:
    """Every dossier `user` follows as an applicant, newest activity first,
    each with what is expected and, with `details`, its public steps,
    letters and unread messages."""
    found = _followed(user)
    if not found:
        return []
    steps = defaultdict(list)
    letters = defaultdict(list)
    unread = {}
    if details:
        for entry in TimelineEntry.objects.filter(_of(found), public=True).order_by("created_at", "id").values(*STEP_FIELDS):
            steps[entry["content_type_id"], entry["object_id"]].append(entry)
        open_kinds = [(model, dossiers) for model, dossiers in found if not model.sensitive]
        if open_kinds:
            for letter in Letter.objects.filter(_of(open_kinds)).order_by("issued_at", "id"):
                letters[letter.content_type_id, letter.object_id].append(letter)
        talking = [(model, dossiers) for model, dossiers in found if model.applicant_messages]
        if talking:
            unread = {
                (content_type_id, object_id): count
                for content_type_id, object_id, count in DossierMessage.objects.filter(_of(talking))
                .exclude(reads__user=user)
                .values_list("content_type_id", "object_id")
                .annotate(count=Count("id"))
            }
    rows = []
    for model, dossiers in found:
        content_type_id = content_type_id_for(model)
        for dossier in dossiers:
            key = (content_type_id, dossier.pk)
            rows.append(
                {
                    "dossier": dossier,
                    "kind_label": model.kind_label,
                    "public_state": dossier.public_state,
                    "expected": dossier.expected_of_applicant(),
                    "url": dossier.applicant_url(),
                    "timeline": steps[key],
                    "letters": [letter for letter in letters[key] if _letter_allowed_for_applicant(user, letter, dossier)],
                    "unread": unread.get(key, 0),
                    "messages": model.applicant_messages,
                }
            )
    rows.sort(key=lambda row: row["dossier"].updated_at, reverse=True)
    return rows


def dossier_for_messages(user, reference: str):
    """(dossier, side) for the messages of `reference`, or (None, None): the
    applicant side first, then the handlers (those who see its internal side)."""
    model = dossier_model_for_reference(reference)
    if model is None or not user.is_authenticated:
        return None, None
    from ..services.messages import message_side

    dossier = model.applicant_dossiers(user).filter(reference=reference).first()
    if dossier is None:
        dossier = visible(user, model.objects.filter(reference=reference)).first()
    side = message_side(dossier, user) if dossier is not None else None
    return (dossier, side) if side is not None else (None, None)


def messages_side(user, dossier):
    """"applicant", "handler" or None for a dossier already in hand (the
    messages box on its pages): the same answer as dossier_for_messages,
    with the handler's rights read from what the page already knows."""
    if not user.is_authenticated or dossier is None or dossier.pk is None:
        return None
    from ..services.messages import message_side

    side = message_side(dossier, user)
    if side == "handler" and not can(user, "view", dossier):
        return None
    return side


def messages_of(dossier):
    return DossierMessage.objects.filter(content_type_id=content_type_id_for(type(dossier)), object_id=dossier.pk).select_related(
        "author"
    )


def public_timeline(dossier) -> list:
    return list(
        TimelineEntry.objects.filter(content_type_id=content_type_id_for(type(dossier)), object_id=dossier.pk, public=True)
        .order_by("created_at", "id")
        .values(*STEP_FIELDS)
    )
