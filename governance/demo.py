"""The demo's meetings for the network: the coming COPIL quarterly meeting
(approvals.demo) gets its invitations, and a General Assembly is convened,
invitations sent, with a free agenda item and a resolution open to the
member organisations' delegates, and the COPIL's election at that assembly,
its vote open: five candidates for three seats (at most one per country, at
least one woman); three organisations have voted, the demo member focal
point's (CJDH) has not: her home page asks her to vote."""

from datetime import date

ELECTION_TITLE = "Élection du COPIL 2027-2029"
CANDIDATES = [("ATNVL", "man"), ("LIGEC", "woman"), ("MJR", "man"), ("JRCT", "woman"), ("OCLP", "woman")]
VOTES = {"ATNVL": ["LIGEC", "MJR", "OCLP"], "LIGEC": ["LIGEC", "JRCT"], "MJR": ["MJR", "ATNVL", "OCLP"]}

ASSEMBLY_TITLE = "Assemblée générale ordinaire (démonstration)"


def loaded(stdout):
    from datetime import datetime, time, timedelta

    from django.db import transaction
    from django.utils import timezone

    from approvals.demo import MEETING_TITLE
    from approvals.letters.services import meeting_agenda_item_add
    from approvals.models import Committee, Meeting
    from approvals.services import relay

    from .models import Assembly
    from .services import assembly_create, resolution_add, resolution_open
    from .services.meetings import meeting_invitations_send

    copil = Committee.objects.filter(code="copil").select_related("chair").first()
    if copil is None or copil.chair is None:
        return
    chair = copil.chair
    invited = 0
    with transaction.atomic():
        quarterly = Meeting.objects.filter(committee=copil, title=MEETING_TITLE, starts_at__isnull=False).first()
        if quarterly is not None:
            invited += meeting_invitations_send(meeting_id=quarterly.pk, by=chair)
        assembly = Assembly.objects.filter(meeting__title=ASSEMBLY_TITLE).first()
        if assembly is None:
            zone = timezone.get_default_timezone()
            day = timezone.localdate() + timedelta(days=30)
            assembly = assembly_create(
                by=chair, committee=copil, title=ASSEMBLY_TITLE, starts_at=datetime.combine(day, time(9, 0), tzinfo=zone),
                time_zone=str(zone), duration_minutes=360, place="Yaoundé", link="https://visio.example.org/ag",
            )
            meeting_agenda_item_add(meeting_id=assembly.meeting_id, by=chair, label="Rapport moral et financier")
            resolution = resolution_add(
                assembly_id=assembly.pk, by=chair, title="Approbation du rapport moral et financier",
                text="L'assemblée générale approuve le rapport moral et financier de l'exercice écoulé.",
            )
            resolution_open(resolution_id=resolution.pk, by=chair)
        invited += meeting_invitations_send(meeting_id=assembly.meeting_id, by=chair)
        _election(assembly, chair, stdout)
    delivered = relay()
    stdout.write(f"  réunions : {invited} invitation(s) en file, {delivered} message(s) délivré(s)\n")


def _election(assembly, chair, stdout):
    from members.models import Organisation

    from . import services
    from .models import Election

    if Election.objects.filter(title=ELECTION_TITLE).exists():
        return
    election = services.election_create(
        by=chair, committee=assembly.meeting.committee, title=ELECTION_TITLE, seats=3, assembly=assembly,
        term_starts_on=date(2027, 1, 1), term_ends_on=date(2029, 12, 31), max_per_country=1, min_women=1, max_terms=2,
    )
    organisations = {org.acronym: org for org in Organisation.objects.filter(acronym__in=[a for a, _g in CANDIDATES])}
    candidacies = {}
    for acronym, gender in CANDIDATES:
        organisation = organisations.get(acronym)
        person = organisation.focal_points.order_by("pk").first() if organisation else None
        if person is not None:
            candidacies[acronym] = services.candidacy_submit(
                election_id=election.pk, organisation_id=organisation.pk, person=person, gender=gender,
                statement="Candidature de démonstration.", by=chair,
            )
    services.election_open(election_id=election.pk, by=chair)
    voted = 0
    for acronym, chosen in VOTES.items():
        organisation = organisations.get(acronym)
        voter = services.delegate_for(assembly, organisation) if organisation else None
        if voter is not None:
            services.election_vote(
                election_id=election.pk, organisation_id=organisation.pk, by=voter,
                candidacy_ids=[candidacies[a].pk for a in chosen if a in candidacies],
            )
            voted += 1
    stdout.write(f"  élection : {election.reference}, {len(candidacies)} candidatures, {voted} votes\n")
