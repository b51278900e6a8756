"""Reads of the applicants' space, scoped to what the applicant may see.

One pass per dossier kind, whatever the number of dossiers: the dossiers
(one query, the kind's `applicant_dossiers`), their public steps, their
letters and their unread messages (one query each).
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count

from ..access import visible
from ..models import DossierMessage, Letter, TimelineEntry
from ..registry import dossier_model_for_reference, dossier_models


def _letter_allowed_for_applicant(user, letter, dossier) -> bool:
    """Mirror of approvals.letters.permissions.letter_access for a dossier in
    the user's `applicant_dossiers`: every letter of a non-sensitive dossier.
    Checked without a query per letter; the download view checks again."""
    return not (letter.sensitive or type(dossier).sensitive)


def applicant_space(user) -> list[dict]:
    """Every dossier `user` follows as an applicant, newest activity first,
    each with its public steps, letters, what is expected and unread messages."""
    rows = []
    for model in dossier_models():
        queryset = model.applicant_dossiers(user)
        if queryset.query.is_empty():
            continue
        dossiers = list(queryset.order_by("-updated_at"))
        if not dossiers:
            continue
        content_type = ContentType.objects.get_for_model(model)
        ids = [dossier.pk for dossier in dossiers]
        steps = defaultdict(list)
        for entry in TimelineEntry.objects.filter(content_type=content_type, object_id__in=ids, public=True).order_by(
            "created_at", "id"
        ):
            steps[entry.object_id].append(entry)
        letters = defaultdict(list)
        if not model.sensitive:
            for letter in Letter.objects.filter(content_type=content_type, object_id__in=ids).order_by("issued_at", "id"):
                letters[letter.object_id].append(letter)
        unread = dict(
            DossierMessage.objects.filter(content_type=content_type, object_id__in=ids)
            .exclude(reads__user=user)
            .values_list("object_id")
            .annotate(count=Count("id"))
        ) if model.applicant_messages else {}
        for dossier in dossiers:
            rows.append(
                {
                    "dossier": dossier,
                    "kind_label": model.kind_label,
                    "public_state": dossier.public_state,
                    "expected": dossier.expected_of_applicant(),
                    "url": dossier.applicant_url(),
                    "timeline": steps[dossier.pk],
                    "letters": [letter for letter in letters[dossier.pk] if _letter_allowed_for_applicant(user, letter, dossier)],
                    "unread": unread.get(dossier.pk, 0),
                    "messages": model.applicant_messages,
                }
            )
    rows.sort(key=lambda row: row["dossier"].updated_at, reverse=True)
    return rows


def applicant_dossier_count(user) -> int:
    return sum(
        model.applicant_dossiers(user).count()
        for model in dossier_models()
        if not model.applicant_dossiers(user).query.is_empty()
    )


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


def messages_of(dossier):
    content_type = ContentType.objects.get_for_model(type(dossier))
    return DossierMessage.objects.filter(content_type=content_type, object_id=dossier.pk).select_related("author")


def public_timeline(dossier) -> list:
    content_type = ContentType.objects.get_for_model(type(dossier))
    return list(
        TimelineEntry.objects.filter(content_type=content_type, object_id=dossier.pk, public=True).order_by("created_at", "id")
    )
