"""Elections: the writes. One function per intention, keyword-only, atomic.

The secret ballot (`election_vote`)
-----------------------------------
One transaction, serialised per election by the election's row lock:
the organisation's register row (`ElectionVoter`, unique per election and
organisation) and its ballot go in together, so it votes once and its vote
counts once. The ballot carries no voter, no time, no sequence. The same
transaction then rewrites the election's whole urn: every ballot is deleted
and inserted again, in a random order (`secrets.SystemRandom`), with new
random UUIDs. So, in the live tables:

- no column of the urn names or orders a voter (UUID keys, no timestamps,
  no autoincrement; the register has no time either);
- the rows' physical order (PostgreSQL `ctid`) is a fresh random shuffle
  after every vote, not the order of the register;
- every live ballot carries the transaction id (`xmin`) of the latest vote,
  so `xmin` tells apart no ballot from another.

What remains, said plainly: until VACUUM reclaims them (autovacuum, and the
count runs one on the urn after its commit), the dead versions of earlier
urns stay in the table's pages, with their `xmin`; reading them needs a
database superuser and an extension such as pageinspect. PostgreSQL's
write-ahead log and any backup taken during the vote hold the same. A
superuser watching the database between two votes sees which ballot
appeared after which register row. And a server configured with
`log_statement = 'all'` would log each vote's parameters: keep it off.
Relais itself writes nothing about a vote anywhere else: no timeline entry,
no outbox message, no notification, no log line.
"""

import logging
import secrets
import uuid

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals.models import Committee, next_reference
from approvals.refusals import Refused
from members.models import Organisation

from .. import permissions
from ..models import Candidacy, CommitteeTermSeat, Election, ElectionBallot, ElectionVoter
from . import results, voters

log = logging.getLogger(__name__)


class ElectionError(Refused):
    """An election action that may not happen; nothing was changed."""

    default_status = 409


def _election_for_update(election_id) -> Election:
    election = Election.objects.select_for_update(of=("self",)).select_related("committee").filter(pk=election_id).first()
    if election is None:
        raise ElectionError(_("Cette élection n'existe pas."), status=404)
    return election


def _require_manager(by, election_or_committee):
    committee = getattr(election_or_committee, "committee", election_or_committee)
    if not permissions.may_manage_election(by, committee):
        raise ElectionError(_("Seuls la présidence du comité et le secrétariat organisent ses élections."), status=403)


# --- the election and its rules -------------------------------------------------------------------


@transaction.atomic
def election_create(
    *, by, committee: Committee, title: str, seats: int, term_starts_on, term_ends_on,
    max_per_country=None, min_women=None, max_terms=None, assembly=None,
) -> Election:
    """An election with its rules; candidacies open at once. Held at a
    General Assembly (`assembly`), its delegates vote for the organisations."""
    _require_manager(by, committee)
    if seats < 1:
        raise ElectionError(_("Il faut au moins un siège."), status=400)
    if term_ends_on <= term_starts_on:
        raise ElectionError(_("Le mandat doit finir après avoir commencé."), status=400)
    if min_women is not None and min_women > seats:
        raise ElectionError(_("Le nombre minimum de femmes ne peut dépasser le nombre de sièges."), status=400)
    if max_per_country is not None and max_per_country < 1:
        raise ElectionError(_("Le plafond par pays doit être d'au moins un siège."), status=400)
    return Election.objects.create(
        reference=next_reference(f"ELE-{committee.decision_prefix}", digits=3),
        committee=committee,
        assembly=assembly,
        title=title.strip(),
        seats=seats,
        term_starts_on=term_starts_on,
        term_ends_on=term_ends_on,
        max_per_country=max_per_country,
        min_women=min_women,
        max_terms=max_terms,
        created_by=by,
    )


# --- candidacies ----------------------------------------------------------------------------


def terms_served(person, committee) -> int:
    """How many recorded terms of `committee` the person sat in."""
    return CommitteeTermSeat.objects.filter(term__committee=committee, person=person).values("term").distinct().count()


def eligibility_problems(election: Election, *, organisation: Organisation, person) -> list[str]:
    """Why this person may not stand for this organisation (empty: eligible)."""
    problems = []
    if organisation.state != Organisation.State.ACTIVE:
        problems.append(_("%(organisation)s n'est pas membre en règle du réseau.") % {"organisation": organisation})
    if not person.is_active:
        problems.append(_("Ce compte est désactivé."))
    if election.candidacies.filter(person=person).exists():
        problems.append(_("%(person)s est déjà candidat·e à cette élection.") % {"person": person})
    if election.candidacies.filter(organisation=organisation).exists():
        problems.append(_("%(organisation)s présente déjà une candidature à cette élection.") % {"organisation": organisation})
    if election.max_terms is not None:
        served = terms_served(person, election.committee)
        if served >= election.max_terms:
            problems.append(
                _("%(person)s a déjà siégé %(served)s mandat(s) au comité ; les statuts en permettent %(allowed)s.")
                % {"person": person, "served": served, "allowed": election.max_terms}
            )
    return problems


@transaction.atomic
def candidacy_submit(*, election_id: int, organisation_id: int, person, gender: str, statement: str = "", by) -> Candidacy:
    """A member organisation puts a person forward.

    Its voter (a focal point) or the election's organisers may do it, while
    candidacies are open; the person must be eligible (see
    `eligibility_problems`): the refusal lists every reason.
    """
    election = _election_for_update(election_id)
    if election.state != Election.State.CANDIDACIES:
        raise ElectionError(_("Les candidatures sont closes pour cette élection."))
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise ElectionError(_("Cette organisation n'existe pas."), status=400)
    if not (permissions.may_manage_election(by, election.committee) or voters.may_vote_for(by, election, organisation)):
        raise ElectionError(_("Seul un point focal de l'organisation peut présenter sa candidature."), status=403)
    if gender not in Candidacy.Gender.values:
        raise ElectionError(_("Genre inconnu."), status=400)
    problems = eligibility_problems(election, organisation=organisation, person=person)
    if problems:
        raise ElectionError(" ".join(problems))
    return Candidacy.objects.create(
        election=election,
        organisation=organisation,
        person=person,
        gender=gender,
        statement=statement.strip(),
        put_forward_by=by,
    )


# --- the vote ------------------------------------------------------------------------------


@transaction.atomic
def election_open(*, election_id: int, by) -> Election:
    """Close the candidacies and open the vote."""
    election = _election_for_update(election_id)
    _require_manager(by, election)
    if election.state != Election.State.CANDIDACIES:
        raise ElectionError(_("Le vote de cette élection est déjà ouvert ou clos."))
    if election.candidacies.count() == 0:
        raise ElectionError(_("Aucune candidature : le vote ne peut pas s'ouvrir."))
    election.state = Election.State.VOTING
    election.save(update_fields=["state"])
    return election


def _shake_urn(election: Election, new_choices: list[int]) -> None:
    """Put a ballot in the urn and rewrite the whole urn in a random order,
    with new UUIDs: the rows keep no trace of the order they came in."""
    urn = list(ElectionBallot.objects.filter(election=election).values_list("choices", flat=True))
    urn.append(new_choices)
    secrets.SystemRandom().shuffle(urn)
    ElectionBallot.objects.filter(election=election).delete()
    ElectionBallot.objects.bulk_create([ElectionBallot(id=uuid.uuid4(), election=election, choices=choices) for choices in urn])


@transaction.atomic
def election_vote(*, election_id: int, organisation_id: int, by, candidacy_ids) -> None:
    """`by` casts the one vote of an organisation: up to `seats` candidates
    (none: a blank ballot). Returns nothing: nobody is told the choice back.

    A second vote of the same organisation is refused (409), whoever casts it.
    """
    election = _election_for_update(election_id)
    if election.state != Election.State.VOTING:
        raise ElectionError(_("Le vote n'est pas ouvert pour cette élection."))
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None or not voters.may_vote_for(by, election, organisation):
        raise ElectionError(_("Vous ne votez pas pour cette organisation à cette élection."), status=403)
    if ElectionVoter.objects.filter(election=election, organisation=organisation).exists():
        raise ElectionError(
            _("%(organisation)s a déjà voté à cette élection : une organisation, une voix. Son vote ne peut être ni repris ni modifié.")
            % {"organisation": organisation}
        )
    try:
        chosen = sorted({int(pk) for pk in candidacy_ids})
    except (TypeError, ValueError):
        raise ElectionError(_("Ce bulletin n'est pas valable."), status=400) from None
    if len(chosen) > election.seats:
        raise ElectionError(
            _("Choisissez au plus %(seats)s candidat·es.") % {"seats": election.seats}, status=400
        )
    if set(chosen) - set(election.candidacies.values_list("pk", flat=True)):
        raise ElectionError(_("Ce bulletin n'est pas valable."), status=400)
    try:
        with transaction.atomic():
            ElectionVoter.objects.create(election=election, organisation=organisation)
    except IntegrityError:  # the election's lock makes this the database's last word only
        raise ElectionError(_("Cette organisation a déjà voté à cette élection.")) from None
    _shake_urn(election, chosen)


def has_voted(election: Election, organisation) -> bool:
    return ElectionVoter.objects.filter(election=election, organisation=organisation).exists()


# --- the count ------------------------------------------------------------------------------

def _vacuum_urn():
    # Reclaims the dead versions of the urn (with their transaction ids).
    if connection.vendor != "postgresql":
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM {ElectionBallot._meta.db_table}")
    except DatabaseError:
        log.warning("The urn could not be vacuumed after a count; autovacuum will reclaim it.")


@transaction.atomic
def election_close(*, election_id: int, by, language: str | None = None) -> Election:
    """Close the vote and count it with the rules (governance/services/results.py);
    the procès-verbal is asked for at once."""
    election = _election_for_update(election_id)
    _require_manager(by, election)
    if election.state != Election.State.VOTING:
        raise ElectionError(_("Seul un vote ouvert peut être dépouillé."))
    candidacies = {c.pk: c for c in election.candidacies.select_related("organisation").select_for_update(of=("self",))}
    tally = {pk: 0 for pk in candidacies}
    for choices in ElectionBallot.objects.filter(election=election).values_list("choices", flat=True):
        for pk in choices:
            tally[pk] += 1
    election.tie_seed = secrets.token_hex(16)
    standings = [
        results.Standing(key=pk, votes=tally[pk], country=c.organisation.country, gender=c.gender) for pk, c in candidacies.items()
    ]
    ranked = results.count(
        standings, seats=election.seats, seed=election.tie_seed, max_per_country=election.max_per_country, min_women=election.min_women
    )
    for standing in ranked:
        candidacy = candidacies[standing.key]
        candidacy.votes, candidacy.rank, candidacy.elected = standing.votes, standing.rank, standing.elected
        candidacy.tie_broken = standing.tie_broken
        candidacy.result_note = "" if standing.passed_over == results.BELOW else standing.passed_over
    Candidacy.objects.bulk_update(candidacies.values(), ["votes", "rank", "elected", "tie_broken", "result_note"])
    election.state = Election.State.CLOSED
    election.counted_at = timezone.now()
    election.save(update_fields=["state", "tie_seed", "counted_at"])
    from .election_minutes import election_minutes_request

    election_minutes_request(election_id=election.pk, by=by, language=language or settings.LANGUAGE_CODE)
    transaction.on_commit(_vacuum_urn)
    return election
