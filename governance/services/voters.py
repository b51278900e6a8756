"""Who votes for an organisation, and which organisations vote.

One place answers both questions, so the General Assembly's delegates can
replace the focal points without touching the ballot: today an
organisation in good standing (an active member) votes through any of its
focal points, and the first of them to vote casts its one vote.
"""

from members.models import Organisation


def voting_organisations(election):
    """The member organisations that vote in `election`: those in good standing."""
    return Organisation.objects.active().order_by("name")


def may_vote_for(user, election, organisation) -> bool:
    """Whether `user` casts the vote of `organisation` in `election`."""
    if not user.is_authenticated or not user.is_active:
        return False
    if not voting_organisations(election).filter(pk=organisation.pk).exists():
        return False
    return organisation.focal_points.filter(pk=user.pk).exists()


def organisations_voted_by(user, election):
    """The organisations whose vote `user` casts in `election`."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return voting_organisations(election).filter(focal_points=user).distinct()
