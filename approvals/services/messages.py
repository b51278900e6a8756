"""Messages on a dossier between its applicant side and its handlers.

Who may write: the applicant side (the dossier is among the kind's
`applicant_dossiers(user)`) and the handlers (`dossier.sees_internal(user)`).
Who is told: the other side. The email says only that a message is waiting
(for a sensitive kind, not even which dossier); the text stays in Relais.
"""


from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from .. import ratelimit
from ..models import DossierMessage, DossierMessageRead
from ..models.space import MESSAGE_MAX_LENGTH
from .notifications import notification_text, notify
from .transitions import TransitionRefused, _content_type_id


def message_side(dossier, user) -> str | None:
    """"applicant", "handler", or None when the user may not read its messages."""
    if not user.is_authenticated or not user.is_active:
        return None
    if not type(dossier).applicant_messages:
        # its applicant side follows the status only: no thread, either way
        return None
    if type(dossier).applicant_dossiers(user).filter(pk=dossier.pk).exists():
        return "applicant"
    if dossier.sees_internal(user):
        return "handler"
    return None


def _over_rate(user) -> bool:
    """A fixed window per author (RELAIS_MESSAGE_RATE, "20/3600")."""
    limit, window = ratelimit.parse_rate(getattr(settings, "RELAIS_MESSAGE_RATE", None), "20/3600")
    return ratelimit.hit("message", user.pk, window_seconds=window) > limit


@transaction.atomic
def message_post(*, dossier, by, body: str) -> DossierMessage:
    """Post a plain-text message on `dossier` and tell the other side."""
    side = message_side(dossier, by)
    if side is None:
        raise TransitionRefused(_("Vous ne pouvez pas écrire sur ce dossier."), status=404 if type(dossier).sensitive else 403)
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise TransitionRefused(_("Le message est vide : écrivez quelques mots avant d'envoyer."), status=400)
    if len(body) > MESSAGE_MAX_LENGTH:
        raise TransitionRefused(
            _("Le message est trop long (%(max)d caractères au plus) : raccourcissez-le.") % {"max": MESSAGE_MAX_LENGTH},
            status=400,
        )
    if _over_rate(by):
        raise TransitionRefused(_("Trop de messages envoyés en peu de temps : réessayez dans une heure."), status=429)
    posted = DossierMessage.objects.create(
        content_type_id=_content_type_id(type(dossier)),
        object_id=dossier.pk,
        dossier_reference=dossier.reference,
        author=by,
        from_applicant=side == "applicant",
        body=body,
    )
    DossierMessageRead.objects.create(message=posted, user=by)
    if side == "applicant":
        recipients = set(dossier.message_recipients_for_applicant())
        url = dossier.get_absolute_url()
    else:
        recipients = set(dossier.applicant_user_ids())
        url = dossier.applicant_url()
    recipients.discard(by.pk)
    recipients.discard(None)
    sensitive = type(dossier).sensitive
    notify(
        recipients,
        "dossier.message",
        {"reference": "" if sensitive else dossier.reference, "sensitive": sensitive},
        url=url,
        sensitive=sensitive,
    )
    return posted


def messages_mark_read(*, dossier, user) -> int:
    """Mark every message of the dossier read for `user`; returns how many were new."""
    unread = list(
        DossierMessage.objects.filter(content_type_id=_content_type_id(type(dossier)), object_id=dossier.pk)
        .exclude(reads__user=user)
        .values_list("pk", flat=True)
    )
    DossierMessageRead.objects.bulk_create(
        [DossierMessageRead(message_id=pk, user=user) for pk in unread], ignore_conflicts=True
    )
    return len(unread)


@notification_text("dossier.message")
def _dossier_message(params):
    if params.get("sensitive") or not params.get("reference"):
        return (
            _("Nouveau message dans Relais"),
            _("Un nouveau message vous attend dans Relais. Connectez-vous pour le lire."),
        )
    return (
        _("Nouveau message sur le dossier %(reference)s") % params,
        _("Un nouveau message vous attend sur le dossier %(reference)s. Connectez-vous à Relais pour le lire.") % params,
    )
