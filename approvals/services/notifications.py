"""Notifications: an in-app inbox item and an email, in the recipient's
language, delivered from the outbox.

What a notification says is named by a code: a function registered with
`@notification_text(code)` gives its subject and body (each app keeps its
own in its `notifications.py`). Its params are plain JSON (references, state
codes, ids), turned into words at delivery time, in the recipient's language.
("Messages" are something else: what a dossier's applicant side and its
handlers write to each other, approvals.services.messages.) For sensitive dossiers the
email says only that something awaits the reader in Relais.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import Notification
from ..registry import dossier_model_for_key, outbox_handler
from .outbox import enqueue, enqueue_many

log = logging.getLogger(__name__)

_texts = {}


def notification_text(code: str):
    """Register fn(params) -> (subject, body), the text of the notifications
    named `code`, called under the recipient's language."""

    def register(function):
        _texts[code] = function
        return function

    return register


def notify(recipient_ids, code: str, params: dict, *, url: str = "", sensitive: bool = False, key: str | None = None):
    """Queue one notification per recipient (inside the current transaction).

    With `key`, the same (key, recipient) is notified at most once.
    Returns how many were newly queued.
    """
    if code not in _texts:
        raise LookupError(f"no notification text registered for {code!r}")
    if key is None:
        # No dedupe to check: every notification in one insert.
        return len(enqueue_many("notify", notification_payloads(recipient_ids, code, params, url=url, sensitive=sensitive)))
    queued = 0
    for recipient_id in sorted(set(recipient_ids)):
        queued += enqueue(
            "notify",
            {"recipient": recipient_id, "code": code, "params": params, "url": url, "sensitive": sensitive},
            key=f"{key}:to:{recipient_id}" if key else None,
        ) is not None
    return queued


def notification_payloads(recipient_ids, code: str, params: dict, *, url: str = "", sensitive: bool = False) -> list[dict]:
    """The outbox payloads of `notify(...)` without a key, one per recipient
    (for a caller that writes them with its other rows: perform)."""
    if code not in _texts:
        raise LookupError(f"no notification text registered for {code!r}")
    return [
        {"recipient": recipient_id, "code": code, "params": params, "url": url, "sensitive": sensitive}
        for recipient_id in sorted(set(recipient_ids))
    ]


@outbox_handler("notify")
def deliver_notification(payload: dict, outbox_message) -> None:
    user = get_user_model().objects.filter(pk=payload["recipient"], is_active=True).first()
    if user is None:
        return
    source_key = f"outbox:{outbox_message.pk}"
    notification = Notification.objects.filter(source_key=source_key).first()
    if notification is None:
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            subject, body = _texts[payload["code"]](payload["params"])
        notification = Notification.objects.create(
            recipient=user,
            subject=str(subject)[:300],
            body=str(body),
            url=payload.get("url", ""),
            dossier_reference=payload["params"].get("reference", ""),
            source_key=source_key,
        )
    if notification.emailed_at is None and user.email:
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            if payload.get("sensitive"):
                subject = _("Relais : un dossier demande votre attention")
                body = _("Un dossier demande votre attention. Connectez-vous à Relais pour le consulter.")
            else:
                subject, body = notification.subject, notification.body
            link = f"{settings.RELAIS_SITE_URL}{payload.get('url') or '/'}"
            send_mail(
                subject=f"[{settings.RELAIS_NETWORK['name']}] {subject}",
                message=f"{body}\n\n{link}\n",
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[user.email],
            )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])


def _when(params):
    from django.utils.dateparse import parse_datetime
    from django.utils.formats import date_format

    value = parse_datetime(params.get("deadline", "") or "")
    return date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else ""


def _kind(params):
    return dossier_model_for_key(params.get("kind", ""))


def _label(params, state_key="state"):
    """The state as the reader's page names it: the applicant side reads
    its public label, handlers the state's own label (Dossier.state_label_for)."""
    model = _kind(params)
    state = params.get(state_key, "")
    if model is None:
        return state
    return model.public_label(state) if params.get("public", True) else model.state_label(state)


@notification_text("dossier.transitioned")
def _transitioned(params):
    return (
        _("Dossier %(reference)s : %(label)s") % {"reference": params["reference"], "label": _label(params)},
        _("Le dossier %(reference)s est maintenant : %(label)s.") % {"reference": params["reference"], "label": _label(params)},
    )


@notification_text("ballot.opened")
def _ballot_opened(params):
    return (
        _("Un scrutin attend votre vote : %(reference)s") % params,
        _("Le comité est appelé à se prononcer sur le dossier %(reference)s avant le %(deadline)s.")
        % {**params, "deadline": _when(params)},
    )


@notification_text("ballot.decided")
def _ballot_decided(params):
    return (
        _("Décision %(decision)s sur le dossier %(reference)s") % params,
        _("Le scrutin sur le dossier %(reference)s est clos. Décision %(decision)s.") % params,
    )


@notification_text("ballot.expired")
def _ballot_expired(params):
    return (
        _("Scrutin expiré sans quorum : %(reference)s") % params,
        _(
            "Le scrutin sur le dossier %(reference)s a atteint sa date limite sans quorum. "
            "Ouvrez un nouveau scrutin ou inscrivez le dossier à la prochaine réunion."
        )
        % params,
    )


@notification_text("timer.reminder")
def _timer_reminder(params):
    return (
        _("Rappel : échéance proche pour %(reference)s") % params,
        _("Le dossier %(reference)s (%(label)s) arrive à échéance le %(deadline)s.")
        % {**params, "label": _label(params), "deadline": _when(params)},
    )


@notification_text("timer.halfway")
def _timer_halfway(params):
    return (
        _("À mi-délai : %(reference)s") % params,
        _("La moitié du délai est écoulée pour le dossier %(reference)s (%(label)s). Échéance : %(deadline)s.")
        % {**params, "label": _label(params), "deadline": _when(params)},
    )


@notification_text("timer.overdue")
def _timer_overdue(params):
    return (
        _("En retard : %(reference)s") % params,
        _("Le dossier %(reference)s (%(label)s) a dépassé son échéance du %(deadline)s.")
        % {**params, "label": _label(params), "deadline": _when(params)},
    )
