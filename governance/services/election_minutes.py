"""The election's procès-verbal: a letter of kind `election_minutes`,
rendered in the background (outbox `election.minutes`), one letter per
election whose revisions follow each request."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from approvals.letters.rendering import plain
from approvals.letters.services.common import _engine_context, _format_date, _new_letter, _write, current_template
from approvals.models import Letter
from approvals.services import enqueue

from .. import permissions
from ..models import Candidacy, Election
from . import voters


def minutes_letter(election: Election) -> Letter | None:
    return Letter.objects.filter(source_key=f"election:{election.pk}").first()


@transaction.atomic
def election_minutes_request(*, election_id: int, by, language: str) -> bool:
    """Ask for the procès-verbal of a counted election (a new revision each
    time; a second click while one waits adds nothing)."""
    from .elections import ElectionError

    election = Election.objects.select_for_update().select_related("committee").get(pk=election_id)
    if not permissions.may_manage_election(by, election.committee):
        raise ElectionError(_("Seuls la présidence du comité et le secrétariat produisent le procès-verbal."), status=403)
    if election.state != Election.State.CLOSED:
        raise ElectionError(_("Le procès-verbal suit le dépouillement."))
    if language not in {code for code, _label in settings.LANGUAGES}:
        raise ElectionError(_("Langue inconnue : %(language)s.") % {"language": language}, status=400)
    letter = minutes_letter(election)
    revision = letter.revision if letter else 0
    failed = letter is not None and letter.render_status == Letter.RenderStatus.FAILED
    message = enqueue(
        "election.minutes",
        {"election": election.pk, "language": language, "revision": revision, "by": by.pk},
        key=None if failed else f"election-minutes:{election.pk}:{revision}",
    )
    return message is not None


def _rules(election: Election) -> list[str]:
    rules = []
    if election.max_per_country:
        rules.append(_("Au plus %(count)s élu·es d'un même pays") % {"count": election.max_per_country})
    if election.min_women:
        rules.append(_("Au moins %(count)s femmes élues, autant que les candidatures le permettent") % {"count": election.min_women})
    if election.max_terms is not None:
        rules.append(_("Au plus %(count)s mandat(s) déjà exercé(s) au comité pour se présenter") % {"count": election.max_terms})
    rules.append(_("Chaque organisation choisit au plus %(seats)s candidat·es ; les égalités sont départagées par tirage au sort")
                 % {"seats": election.seats})
    return rules


def minutes_context(election: Election, recipient) -> dict:
    """The procès-verbal's own keys (call under the letter's language)."""
    candidacies = list(election.candidacies.select_related("organisation", "person").order_by("rank", "pk"))
    ballots = list(election.ballots.values_list("choices", flat=True))

    def label(candidacy):
        return f"{candidacy.person} ({candidacy.organisation.acronym or candidacy.organisation.name}, {candidacy.organisation.country_name})"

    return {
        "recipient_name": str(recipient) if recipient is not None else election.committee.name,
        "dossier_reference": election.reference,
        "dossier_title": election.title,
        "committee_name": election.committee.name,
        "election_title": election.title,
        "seats": str(election.seats),
        "term_start": _format_date(election.term_starts_on),
        "term_end": _format_date(election.term_ends_on),
        "counted_date": _format_date(election.counted_at),
        "rules": _rules(election),
        "organisations_count": str(voters.voting_organisations(election).count()),
        "votes_cast": str(len(ballots)),
        "blank_ballots": str(sum(1 for choices in ballots if not choices)),
        "results": [
            {
                "rank": str(c.rank or ""),
                "name": str(c.person),
                "organisation": c.organisation.acronym or c.organisation.name,
                "country": str(c.organisation.country_name),
                "votes": str(c.votes or 0),
                "outcome": str(_("Élu·e") if c.elected else _("Non élu·e")),
                "note": str(Candidacy.PassedOver(c.result_note).label) if c.result_note else "",
            }
            for c in candidacies
        ],
        "elected": [label(c) for c in candidacies if c.elected],
        "tie_seed": election.tie_seed,
        "ties": ", ".join(str(c.person) for c in candidacies if c.tie_broken),
    }


@transaction.atomic
def election_minutes_issue(*, election_id: int, language: str, revision: int, by_id=None) -> Letter | None:
    """Render the procès-verbal once per request (`revision` is the one the
    request saw: a repeated delivery finds it done)."""
    election = Election.objects.select_for_update(of=("self",)).select_related("committee", "committee__chair").get(pk=election_id)
    source_key = f"election:{election.pk}"
    letter = Letter.objects.select_for_update().filter(source_key=source_key).first()
    if (letter.revision if letter else 0) != revision:
        return letter
    template = current_template("election_minutes", language)
    if letter is None:
        letter = _new_letter(source_key=source_key, kind="election_minutes")
        letter.dossier_reference = election.reference
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    recipient = election.committee.chair or by
    with translation.override(template.language):
        context = {
            **_engine_context(letter, language=template.language, decision=None),
            **plain(minutes_context(election, recipient)),
        }
    return _write(letter, template=template, context=context, recipient=recipient, by=by)
