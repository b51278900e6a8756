"""Status links: a dossier's public state for someone without an account.

The raw token is shown once, when issued; only its SHA-256 is kept.
Issuing a link revokes the earlier ones of the dossier ("re-issue").
"""

import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import StatusLink
from ..registry import dossier_model_for_reference
from .transitions import TransitionRefused, _content_type_id, record_event

# Compared against when the reference is unknown, so every wrong answer costs the same.
_DUMMY_DIGEST = hashlib.sha256(b"relais-status-link-dummy").hexdigest()


def token_digest(token: str) -> str:
    return hashlib.sha256((token or "").encode()).hexdigest()


@transaction.atomic
def status_link_issue(*, dossier, by) -> str:
    """A new secret link for `dossier` (its handlers only); earlier links stop working.
    Returns the raw token, which is never stored."""
    if by is not None and not dossier.sees_internal(by):
        raise TransitionRefused(_("Seules les personnes qui traitent ce dossier peuvent émettre un lien de suivi."), status=403)
    if not type(dossier).has_applicant:
        raise TransitionRefused(_("Ce type de dossier n'a pas de demandeur : il n'a pas de lien de suivi."), status=400)
    content_type_id = _content_type_id(type(dossier))
    now = timezone.now()
    StatusLink.objects.filter(content_type_id=content_type_id, object_id=dossier.pk, revoked_at__isnull=True).update(
        revoked_at=now
    )
    token = secrets.token_urlsafe(32)
    StatusLink.objects.create(
        content_type_id=content_type_id,
        object_id=dossier.pk,
        dossier_reference=dossier.reference,
        token_hash=token_digest(token),
        created_by=by,
    )
    record_event(dossier, by=by, comment=_("Lien de suivi émis (les liens précédents ne marchent plus)."))
    return token


@transaction.atomic
def status_link_revoke(*, dossier, by) -> int:
    """Every link of `dossier` stops working. Returns how many were active."""
    if by is not None and not dossier.sees_internal(by):
        raise TransitionRefused(_("Seules les personnes qui traitent ce dossier peuvent révoquer un lien de suivi."), status=403)
    revoked = StatusLink.objects.filter(
        content_type_id=_content_type_id(type(dossier)), object_id=dossier.pk, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    if revoked:
        record_event(dossier, by=by, comment=_("Liens de suivi révoqués."))
    return revoked


def status_link_resolve(reference: str, token: str):
    """The dossier behind (reference, token), or None. The same work is done
    whether the reference exists or not: the presented token is always
    hashed and compared with a digest (a dummy one when nothing matches)."""
    presented = token_digest(token)
    links = list(
        StatusLink.objects.filter(dossier_reference=reference, revoked_at__isnull=True).values_list(
            "pk", "token_hash", "object_id"
        )
    ) or [(None, _DUMMY_DIGEST, None)]
    match = None
    for pk, digest, object_id in links:
        if hmac.compare_digest(digest, presented) and pk is not None:
            match = (pk, object_id)
    model = dossier_model_for_reference(reference)
    if match is None or model is None:
        return None
    StatusLink.objects.filter(pk=match[0]).update(last_used_at=timezone.now())
    # What the public page shows (its reference, public state and date of the
    # last change): the rest of the row (for an emergency case, encrypted
    # fields) stays unread.
    return model.objects.filter(pk=match[1], reference=reference).only("pk", "reference", "state", "updated_at").first()
