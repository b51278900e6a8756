"""Reads for governance: what the election pages and home show."""

from django.db.models import Count

from .models import Election, ElectionVoter
from .permissions import may_open_assembly
from .services import election_voting_organisations as voting_organisations
from .services import minutes_letter, organisations_voted_by


def elections():
    return Election.objects.select_related("committee").annotate(candidacy_count=Count("candidacies")).order_by("-term_starts_on", "-id")


def organisations_yet_to_vote(user, election):
    """The organisations `user` votes for that have not voted yet."""
    voted = ElectionVoter.objects.filter(election=election).values("organisation_id")
    return organisations_voted_by(user, election).exclude(pk__in=voted)


def open_elections_for(user):
    """(election, organisations yet to vote) for every open vote where `user` votes."""
    rows = []
    for election in Election.objects.filter(state=Election.State.VOTING).select_related("committee").order_by("pk"):
        waiting = list(organisations_yet_to_vote(user, election))
        if waiting:
            rows.append((election, waiting))
    return rows


def election_page(election, *, user, manage: bool) -> dict:
    candidacies = list(election.candidacies.select_related("organisation", "person").order_by("rank", "person__full_name", "pk"))
    voters = ElectionVoter.objects.filter(election=election).select_related("organisation").order_by("organisation__name")
    return {
        "election": election,
        "manage": manage,
        "candidacies": candidacies,
        "elected": [c for c in candidacies if c.elected],
        "voted_count": voters.count(),
        # Who voted is public to the network (the register); what they chose is not.
        "voters": list(voters) if election.state != Election.State.CANDIDACIES else [],
        "voting_count": voting_organisations(election).count(),
        "yet_to_vote": list(organisations_yet_to_vote(user, election)) if election.state == Election.State.VOTING else [],
        "may_put_forward": election.state == Election.State.CANDIDACIES
        and (manage or organisations_voted_by(user, election).exists()),
        "minutes": minutes_letter(election),
        "term": getattr(election, "term", None) if election.installed_at else None,
        "assembly_visible": election.assembly_id is not None and may_open_assembly(user, election.assembly.meeting),
    }
