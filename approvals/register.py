"""The register of decisions: every committee decision across dossier kinds,
read-only, for the auditor (and the COPIL and the secretariat).

The engine knows the dossier kinds only through the `Dossier` interface. A
decision on a `sensitive` kind (emergency cases) is anonymised here: the
register shows its kind, its decision reference, date, committee, outcome,
tally, amount and letter verification code, never the dossier's reference,
the ballot's question (which may name the person) nor any of the case.

One page costs a fixed number of queries however many decisions it shows:
the count, the decisions (committee, ballot, kind and vote counts joined),
and their letters' codes.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import Role

from .models import Choice, Decision, Letter
from .registry import dossier_models

READER_ROLES = frozenset({Role.AUDITOR, Role.COPIL_MEMBER, Role.COPIL_CHAIR, Role.ADMINISTRATOR})

ANONYMISED_QUESTION = gettext_lazy("Soutien d'urgence (dossier confidentiel)")


def may_read_register(user) -> bool:
    """Auditors, COPIL members and chair, administrators (and superusers)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_role(*READER_ROLES)


def kinds() -> list[tuple[str, str]]:
    """(reference prefix, label) of every dossier kind, for the filter."""
    return sorted(
        ((model.reference_prefix, f"{model.reference_prefix} — {model._meta.verbose_name}") for model in dossier_models()),
        key=lambda pair: pair[0],
    )


def _kind_filter(prefix: str) -> Q:
    models = [model for model in dossier_models() if model.reference_prefix == prefix]
    if not models:
        return Q(pk__in=[])
    return Q(
        content_type__app_label=models[0]._meta.app_label,
        content_type__model=models[0]._meta.model_name,
    )


def decisions(*, date_from=None, date_to=None, kind: str = "", committee: str = "", outcome: str = ""):
    """The decisions matching the filters, newest first, ready for `rows`."""
    queryset = (
        Decision.objects.select_related("committee", "ballot", "content_type")
        .annotate(
            votes_approve=Count("ballot__votes", filter=Q(ballot__votes__choice=Choice.APPROVE)),
            votes_reject=Count("ballot__votes", filter=Q(ballot__votes__choice=Choice.REJECT)),
            votes_changes=Count("ballot__votes", filter=Q(ballot__votes__choice=Choice.REQUEST_CHANGES)),
            votes_abstain=Count("ballot__votes", filter=Q(ballot__votes__choice=Choice.ABSTAIN)),
        )
        .prefetch_related(
            Prefetch(
                "letters",
                queryset=Letter.objects.only("id", "decision_id", "kind", "verification_code").order_by("kind", "id"),
                to_attr="register_letters",
            )
        )
        .order_by("-decided_at", "-id")
    )
    if date_from:
        queryset = queryset.filter(decided_at__date__gte=date_from)
    if date_to:
        queryset = queryset.filter(decided_at__date__lte=date_to)
    if kind:
        queryset = queryset.filter(_kind_filter(kind))
    if committee:
        queryset = queryset.filter(committee__code=committee)
    if outcome:
        queryset = queryset.filter(outcome=outcome)
    return queryset


def display_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


@dataclass
class Row:
    decided_at: object
    reference: str
    kind: str
    kind_label: str
    sensitive: bool
    dossier_reference: str
    committee: str
    question: str
    outcome: str
    outcome_label: str
    tally: dict | None
    amount: object
    currency: str
    codes: list[str] = field(default_factory=list)

    @property
    def tally_text(self) -> str:
        if self.tally is None:
            return ""
        return _("%(approve)d pour, %(reject)d contre, %(changes)d modifications, %(abstain)d abstentions") % self.tally

    @property
    def amount_text(self) -> str:
        if self.amount is None:
            return ""
        return f"{number_format(self.amount, decimal_pos=0, force_grouping=True)} {self.currency}".strip()


def row(decision: Decision) -> Row:
    """One line of the register, for a decision from `decisions()` (its letters prefetched)."""
    model = decision.content_type.model_class()
    sensitive = bool(getattr(model, "sensitive", False))
    prefix = getattr(model, "reference_prefix", "") or decision.dossier_reference.split("-", 1)[0]
    ballot = decision.ballot
    return Row(
        decided_at=timezone.localtime(decision.decided_at),
        reference=decision.reference,
        kind=prefix,
        kind_label=str(model._meta.verbose_name) if model else prefix,
        sensitive=sensitive,
        dossier_reference="" if sensitive else decision.dossier_reference,
        committee=decision.committee.name,
        question=str(ANONYMISED_QUESTION) if sensitive else (ballot.question if ballot else ""),
        outcome=decision.outcome,
        outcome_label=decision.get_outcome_display(),
        tally=(
            {
                "approve": decision.votes_approve,
                "reject": decision.votes_reject,
                "changes": decision.votes_changes,
                "abstain": decision.votes_abstain,
            }
            if ballot is not None
            else None
        ),
        amount=decision.amount,
        currency=decision.currency,
        codes=[display_code(letter.verification_code) for letter in decision.register_letters],
    )


def export_header() -> list[str]:
    return [
        _("Date"),
        _("Décision"),
        _("Type de dossier"),
        _("Dossier"),
        _("Comité"),
        _("Question"),
        _("Résultat"),
        _("Pour"),
        _("Contre"),
        _("Modifications"),
        _("Abstentions"),
        _("Montant"),
        _("Devise"),
        _("Codes de vérification des lettres"),
    ]


def export_rows(queryset):
    for decision in queryset.iterator(chunk_size=500):
        r = row(decision)
        tally = r.tally or {}
        yield [
            r.decided_at.strftime("%Y-%m-%d %H:%M"),
            r.reference,
            r.kind,
            r.dossier_reference,
            r.committee,
            r.question,
            r.outcome_label,
            tally.get("approve", ""),
            tally.get("reject", ""),
            tally.get("changes", ""),
            tally.get("abstain", ""),
            "" if r.amount is None else f"{r.amount:.2f}",
            r.currency,
            " ".join(r.codes),
        ]
