"""Who votes for an organisation, and which organisations vote.

One place answers both questions for the ballot. An election held at a
General Assembly (`election.assembly`) follows the assembly's rules
(governance/services/assembly.py): the organisations in good standing vote,
each through its delegate (`delegate_for`: the proxy it named, else its
first focal point). An election outside an assembly is voted by the
organisations in good standing through any of their focal points. Either
way the organisation's one vote is cast by the first of them to vote.
"""

from django.db.models import Q

from members.models import Organisation

from ..models import Delegation

from .assembly import delegate_for
from .assembly import voting_organisations as assembly_voting_organisations


def voting_organisations(election):
    """The member organisations that vote in `election`."""
    if election.assembly_id:
        return assembly_voting_organisations(election.assembly)
    return Organisation.objects.active().order_by("name")


def may_vote_for(user, election, organisation) -> bool:
    """Whether `user` casts the vote of `organisation` in `election`."""
    if not user.is_authenticated or not user.is_active:
        return False
    if not voting_organisations(election).filter(pk=organisation.pk).exists():
        return False
    if election.assembly_id:
        delegate = delegate_for(election.assembly, organisation)
        return delegate is not None and delegate.pk == user.pk
    return organisation.focal_points.filter(pk=user.pk).exists()


def organisations_voted_by(user, election):
    """The organisations whose vote `user` casts in `election`."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if election.assembly_id:
        # Those that named `user` their delegate, or of which `user` is a focal point; then the rule.
        named = Delegation.objects.filter(assembly_id=election.assembly_id, delegate=user).values("organisation_id")
        candidates = voting_organisations(election).filter(Q(pk__in=named) | Q(focal_points=user)).distinct()
        pks = [org.pk for org in candidates if may_vote_for(user, election, org)]
        return Organisation.objects.filter(pk__in=pks).order_by("name")
    return voting_organisations(election).filter(focal_points=user).distinct()
