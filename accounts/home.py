"""The home page, "Ce qui m'attend": sections contributed by the apps.

An app registers a provider once, usually in its AppConfig.ready():

    from accounts.home import register_section

    def ballots_waiting(request):
        if not request.user.has_role(Role.COPIL_MEMBER):
            return None
        return [{
            "title": _("Scrutins en attente de votre vote"),
            "items": [{"label": b.question, "url": b.get_absolute_url(),
                       "meta": _("avant le %(date)s") % {...}, "overdue": b.is_overdue}],
            "empty_text": _("Aucun scrutin n'attend votre vote."),
            "role": Role.COPIL_MEMBER,
        }]

    register_section(ballots_waiting)

What a provider must know before it can tell whether it has anything to
show (does the person sit on a committee, have they any application, how
many unread messages) is a *probe*: a query expression evaluated on the
person's row (the person is `OuterRef("pk")`), registered once with
`register_probe(name, exists(queryset))` or `count(queryset)`. Every probe
of the home page is read in one query per request, `probe(request, name)`,
instead of one query per provider; that query is compiled once per process.

A provider takes the request and returns a list of sections or None. A section
is a dict: "title" (str), "items" (list of dicts with "label", "url" and the
optional "meta" (str) and "overdue" (bool)), "empty_text" (str) and the
optional "role" (a Role code) or "roles" (several), and the optional "notes"
(a list of str shown under the title, e.g. what a role may and may not see). Sections are rendered in
registration order; then, for each of the person's roles that no section
claimed with "role"/"roles", a kind empty state written for that role.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, Func, IntegerField, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from config.prepared import prepared_cursor

from .roles import Role

SectionProvider = Callable[[HttpRequest], list[dict] | None]

_providers: list[SectionProvider] = []


def register_section(provider: SectionProvider) -> SectionProvider:
    """Add a provider of home sections (idempotent; usable as a decorator)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def unregister_section(provider: SectionProvider) -> None:
    if provider in _providers:
        _providers.remove(provider)


_probes: dict = {}
_compiled: tuple | None = None
# Stands for the person's id while a probe query is compiled (once per process).
_SOMEONE = -7_363_511


def register_probe(name: str, expression) -> None:
    """`expression` (`exists(...)`, `count(...)` or any boolean expression)
    refers to the person as `OuterRef("pk")`; `probe(request, name)` answers
    it. All probes are read together, in one query compiled once per process."""
    global _compiled
    _probes[name] = expression
    _compiled = None


def exists(queryset) -> Exists:
    return Exists(queryset.order_by())


def count(queryset) -> Coalesce:
    """The number of rows of `queryset`, as a scalar subquery (0 if none)."""
    counted = queryset.order_by().annotate(_probe_count=Func(Value(1), function="COUNT")).values("_probe_count")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _probe_query(person_id):
    names = list(_probes)
    aliases = {f"probe_{i}": _probes[name] for i, name in enumerate(names)}
    queryset = get_user_model()._default_manager.filter(pk=person_id).order_by().annotate(**aliases).values_list(*aliases)
    return names, queryset


def _compile() -> tuple | None:
    """(names, SQL, params, where the person's id goes), or None when the
    compiled query does not hold the id exactly once (then it is built per
    request)."""
    names, queryset = _probe_query(_SOMEONE)
    sql, params = queryset.query.sql_with_params()
    params = list(params)
    if params.count(_SOMEONE) != 1:
        return None
    return names, sql, params, params.index(_SOMEONE), queryset.db


def _read_probes(user) -> dict:
    global _compiled
    if not _probes:
        return {}
    if _compiled is None:
        _compiled = _compile() or ()
    if _compiled:
        names, sql, params, slot, alias = _compiled
        params = [*params[:slot], user.pk, *params[slot + 1 :]]
        with prepared_cursor(alias) as cursor:  # the same SQL on every home page: planned once per connection
            cursor.execute(sql, params)
            found = cursor.fetchone()
    else:
        names, queryset = _probe_query(user.pk)
        found = queryset.first()
    values = found if found is not None else [None] * len(names)
    return {name: (int(value or 0) if _counts(name) else bool(value)) for name, value in zip(names, values)}


def _counts(name) -> bool:
    return isinstance(_probes.get(name), Coalesce)


def probe(request: HttpRequest, name: str):
    """The value of probe `name` for the signed-in person; the first call in a
    request reads every registered probe in one query."""
    values = request.__dict__.get("_relais_home_probes")
    if values is None:
        values = _read_probes(request.user) if request.user.is_authenticated else {}
        request._relais_home_probes = values
    if name not in values:
        return 0 if _counts(name) else False
    return values[name]


ROLE_EMPTY_TEXT = {
    Role.COPIL_MEMBER: _("Rien ne vous attend pour le moment : aucun scrutin du COPIL n'attend votre vote."),
    Role.COPIL_CHAIR: _(
        "Rien ne vous attend pour le moment : aucun scrutin à ouvrir ou à clore, aucune lettre à signer."
    ),
    Role.MEMBERSHIP_GROUP: _("Rien ne vous attend pour le moment : aucune demande d'adhésion à examiner."),
    Role.FUNDRAISING_GROUP: _(
        "Rien ne vous attend pour le moment : aucune opportunité de financement à évaluer, aucune échéance proche."
    ),
    Role.EMERGENCY_MEMBER: _("Rien ne vous attend pour le moment : aucun cas urgent n'attend votre décision."),
    Role.EMERGENCY_CHAIR: _("Rien ne vous attend pour le moment : aucun cas urgent n'attend votre arbitrage."),
    Role.CASE_OFFICER: _(
        "Rien ne vous attend pour le moment : aucune demande d'aide à vérifier, aucun décaissement à enregistrer."
    ),
    Role.COUNTRY_FOCAL_POINT: _(
        "Rien ne vous attend pour le moment : aucune demande ni aucun incident à vérifier dans votre pays."
    ),
    Role.MEMBER_FOCAL_POINT: _(
        "Rien ne vous attend pour le moment : aucune demande d'information n'attend la réponse de votre organisation."
    ),
    Role.APPLICANT: _(
        "Rien ne vous attend pour le moment : vos demandes suivent leur cours, "
        "et vous recevrez un e-mail dès qu'il faudra agir."
    ),
    Role.AUDITOR: _("Rien ne vous attend pour le moment : aucune décision nouvelle à consulter."),
    Role.ADMINISTRATOR: _("Rien ne vous attend pour le moment : aucun compte ni réglage à traiter."),
}


def _role_section(role: Role) -> dict:
    return {"title": role.label, "items": [], "empty_text": ROLE_EMPTY_TEXT[role], "role": role.value}


def _no_role_section() -> dict:
    return {
        "title": _("Votre compte"),
        "items": [],
        "empty_text": _(
            "Rien ne vous attend pour le moment. Aucun rôle n'est encore attribué à votre compte : "
            "si vous pensez qu'il vous manque un accès, écrivez au secrétariat (%(email)s)."
        )
        % {"email": settings.RELAIS_NETWORK["email"]},
    }


def home_sections(request: HttpRequest) -> list[dict]:
    """What waits for the signed-in person, section by section."""
    sections = []
    for provider in _providers:
        for section in provider(request) or []:
            sections.append({"items": [], "empty_text": "", **section})
    claimed = set()
    for section in sections:
        claimed.update([section["role"]] if section.get("role") else section.get("roles", ()))
    roles = request.user.roles
    sections.extend(_role_section(role) for role in roles if role.value not in claimed)
    if not sections:
        sections.append(_no_role_section())
    return sections
