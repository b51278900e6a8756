"""Demo: the COPIL election of the General Assembly, its vote open.

Five candidates for three seats (at most one per country, at least one
woman); three member organisations have voted, the demo member focal
point's (CJDH) has not: her home page asks her to vote. Safe to run again.
"""

from datetime import date

from accounts.demo import demo_user
from accounts.roles import Role
from approvals.models import Committee
from members.models import Organisation

from . import services
from .models import Election

TITLE = "Élection du COPIL 2027-2029"
CANDIDATES = [("ATNVL", "man"), ("LIGEC", "woman"), ("MJR", "man"), ("JRCT", "woman"), ("OCLP", "woman")]
VOTES = {"ATNVL": ["LIGEC", "MJR", "OCLP"], "LIGEC": ["LIGEC", "JRCT"], "MJR": ["MJR", "ATNVL", "OCLP"]}


def load(stdout):
    if Election.objects.filter(title=TITLE).exists():
        return
    copil = Committee.objects.get(code="copil")
    chair = copil.chair or demo_user(Role.COPIL_CHAIR)
    election = services.election_create(
        by=chair, committee=copil, title=TITLE, seats=3, term_starts_on=date(2027, 1, 1), term_ends_on=date(2029, 12, 31),
        max_per_country=1, min_women=1, max_terms=2,
    )
    organisations = {org.acronym: org for org in Organisation.objects.filter(acronym__in=[a for a, _g in CANDIDATES])}
    candidacies = {}
    for acronym, gender in CANDIDATES:
        organisation = organisations.get(acronym)
        person = organisation.focal_points.order_by("pk").first() if organisation else None
        if person is None:
            continue
        candidacies[acronym] = services.candidacy_submit(
            election_id=election.pk, organisation_id=organisation.pk, person=person, gender=gender,
            statement="Candidature de démonstration.", by=chair,
        )
    services.election_open(election_id=election.pk, by=chair)
    for acronym, chosen in VOTES.items():
        organisation = organisations.get(acronym)
        voter = organisation.focal_points.order_by("pk").first() if organisation else None
        if voter is None:
            continue
        services.election_vote(
            election_id=election.pk, organisation_id=organisation.pk, by=voter,
            candidacy_ids=[candidacies[a].pk for a in chosen if a in candidacies],
        )
    stdout.write(f"  élection : {election.reference}, {len(candidacies)} candidatures, {len(VOTES)} votes\n")
