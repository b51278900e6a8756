"""Elections for tests: member organisations with their focal points, an
election with its rules and candidates, votes cast through the service."""

from datetime import date

from approvals.models import Committee
from governance import services
from governance.models import Candidacy
from tests.factories import UserFactory
from tests.members.factories import OrganisationFactory

COUNTRIES = ["CM", "GA", "TD", "CF", "CG", "CD"]


def member(country="CM", *, name=None, focal_name=None, gender_name=None):
    """A member organisation in good standing and its focal point (who votes for it)."""
    focal = UserFactory(roles=["member_focal_point"], **({"full_name": focal_name} if focal_name else {}))
    fields = {"country": country, "focal_points": [focal]}
    if name:
        fields.update(name=name, acronym=name[:12])
    return OrganisationFactory(**fields), focal


def members(count, *, countries=COUNTRIES):
    return [member(countries[i % len(countries)]) for i in range(count)]


def make_election(chair, *, seats=3, starts=date(2027, 1, 1), ends=date(2029, 12, 31), **rules):
    return services.election_create(
        by=chair, committee=Committee.objects.get(code="copil"), title="Élection du COPIL 2027-2029",
        seats=seats, term_starts_on=starts, term_ends_on=ends, **rules,
    )


def stand(election, organisation, focal, *, gender=Candidacy.Gender.WOMAN, person=None):
    """The organisation puts forward `person` (its focal point by default)."""
    return services.candidacy_submit(
        election_id=election.pk, organisation_id=organisation.pk, person=person or focal, gender=gender, by=focal
    )


def vote(election, organisation, focal, *candidacies):
    services.election_vote(
        election_id=election.pk, organisation_id=organisation.pk, by=focal, candidacy_ids=[c.pk for c in candidacies]
    )
