"""The engine's sections of "Ce qui m'attend"."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from django.db.models import OuterRef, Q

from accounts.home import count, exists, probe, register_probe
from accounts.roles import BALLOT_ROLES

from .models import Committee, Notification
from .selectors import ballots_for_member

# What the engine's sections must know first, read with the other apps' in
# one query (the person is OuterRef("pk")); the same rows as
# selectors.committee_places and selectors.unread_count.
PERSON = OuterRef("pk")
register_probe("approvals.sits", exists(Committee.objects.filter(Q(members=PERSON) | Q(chair=PERSON))))
register_probe("approvals.chairs", exists(Committee.objects.filter(chair=PERSON)))
register_probe("approvals.unread", count(Notification.objects.filter(recipient=PERSON, read_at__isnull=True)))


def ballots_waiting(request):
    """Open ballots where the person holds a seat and has not voted yet."""
    user = request.user
    if not user.is_authenticated or not probe(request, "approvals.sits"):
        return None
    ballots = [b for b in ballots_for_member(user)[:20] if not b.my_vote and not b.i_am_recused]
    return [
        {
            "title": _("Scrutins en attente de votre vote"),
            "items": [
                {
                    "label": f"{b.dossier_reference} — {b.question}",
                    "url": b.get_absolute_url(),
                    "meta": _("avant le %(date)s") % {"date": date_format(timezone.localtime(b.deadline), "SHORT_DATETIME_FORMAT")},
                    "overdue": b.deadline < timezone.now(),
                }
                for b in ballots
            ],
            "empty_text": _("Aucun scrutin n'attend votre vote."),
            # stands for the committee roles' empty state on the home page
            "roles": sorted(code for code in user.role_codes if code in BALLOT_ROLES),
        }
    ]


def unread_messages(request):
    user = request.user
    if not user.is_authenticated:
        return None
    unread = probe(request, "approvals.unread")
    if not unread:
        return None
    return [
        {
            "title": _("Messages non lus"),
            "items": [{"label": _("%(count)d message(s) non lu(s) dans votre boîte") % {"count": unread}, "url": "/boite/"}],
            "empty_text": "",
        }
    ]


def my_space(request):
    """Applicants and member focal points: their dossiers, and what is expected of them."""
    from accounts.roles import Role

    from .space.selectors import applicant_space

    user = request.user
    if not user.is_authenticated or not (user.role_codes & {Role.APPLICANT, Role.MEMBER_FOCAL_POINT}):
        return None
    rows = [row for row in applicant_space(user, details=False) if row["expected"]]
    if not rows and Role.APPLICANT not in user.role_codes:
        return None
    return [
        {
            "title": _("Mon espace : ce que l'on attend de vous"),
            "items": [
                {
                    "label": f"{row['dossier'].reference} — {row['public_state']}",
                    "url": "/mon-espace/#" + row["dossier"].reference,
                    "meta": row["expected"]["text"] if row["expected"] else "",
                    "overdue": bool(row["expected"] and row["expected"].get("due") and row["expected"]["due"] < timezone.now()),
                }
                for row in rows[:10]
            ],
            "empty_text": _("Rien ne vous attend pour le moment. L'état de vos dossiers est dans « Mon espace »."),
            "roles": [Role.APPLICANT],
        }
    ]


def auditor_register(request):
    """The auditor's home: the register of decisions, and what the auditor
    may and may not see. One count query."""
    from datetime import timedelta

    from django.urls import reverse

    from accounts.roles import Role

    from .models import Decision

    user = request.user
    if not user.is_authenticated or Role.AUDITOR not in user.role_codes:
        return None
    since = timezone.now() - timedelta(days=30)
    recent = Decision.objects.filter(decided_at__gte=since).count()
    return [
        {
            "title": _("Registre des décisions"),
            "notes": [
                _(
                    "Vous pouvez voir : chaque décision des comités, tous types de dossiers confondus — date, "
                    "référence, comité, question posée, résultat, décompte des votes, montant accordé et code "
                    "de vérification de la lettre — et l'exporter en CSV ou XLSX."
                ),
                _(
                    "Vous ne voyez pas : le contenu des dossiers, les pièces jointes, les commentaires internes, "
                    "ni qui a voté quoi. Les décisions sur les cas urgents sont anonymisées : ni la personne "
                    "soutenue, ni son nom de code, ni son récit, ni la référence de son dossier."
                ),
                _("Vous ne pouvez rien modifier : l'accès auditeur est en lecture seule."),
            ],
            "items": [
                {
                    "label": _("Ouvrir le registre des décisions"),
                    "url": reverse("approvals:register"),
                    "meta": _("%(count)d décision(s) ces 30 derniers jours") % {"count": recent},
                }
            ],
            "empty_text": "",
            "role": Role.AUDITOR,
        }
    ]
