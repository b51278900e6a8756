"""The demo's working groups: leads with a term, members, one document
adopted by the COPIL (published to the members) and one awaiting its vote
(on the demo COPIL meeting's agenda).

Then the demo's meetings: the coming COPIL quarterly meeting
(approvals.demo) gets its invitations, and a General Assembly is convened,
invitations sent, with a free agenda item and a resolution open to the
member organisations' delegates, and the COPIL's election at that assembly,
its vote open: five candidates for three seats (at most one per country, at
least one woman); three organisations have voted, the demo member focal
point's (CJDH) has not: her home page asks her to vote."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from accounts.demo import demo_user, demo_users
from accounts.roles import Role
from approvals.models import Ballot, Choice, Committee
from approvals.services import vote_cast

from . import services
from .models import Document, WorkingGroup

ELECTION_TITLE = "Élection du COPIL 2027-2029"
CANDIDATES = [("ATNVL", "man"), ("LIGEC", "woman"), ("MJR", "man"), ("JRCT", "woman"), ("OCLP", "woman")]
VOTES = {"ATNVL": ["LIGEC", "MJR", "OCLP"], "LIGEC": ["LIGEC", "JRCT"], "MJR": ["MJR", "ATNVL", "OCLP"]}
ADOPTED_TITLE = "Plan d'action 2026 du groupe Adhésion et gouvernance"
PENDING_TITLE = "Termes de référence de la mission de prospection des bailleurs"


def _pdf(title: str) -> bytes:
    """A real one-page PDF: uploads are parsed, a stand-in would be refused."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _upload(document, by, name, note=""):
    upload = SimpleUploadedFile(name, _pdf(document.title), content_type="application/pdf")
    services.document_version_add(reference=document.reference, by=by, upload=upload, note=note)


def _document(group, by, *, kind, title, summary, audience):
    existing = Document.objects.filter(working_group=group, title=title).first()
    if existing is not None:
        return existing, False
    document = services.document_create(group_id=group.pk, by=by, kind=kind, title=title, summary=summary, audience=audience)
    return document, True


def load(stdout):
    secretariat = demo_user(Role.ADMINISTRATOR)
    start = date(date.today().year, 1, 1)
    membership = WorkingGroup.objects.get(role=Role.MEMBERSHIP_GROUP)
    fundraising = WorkingGroup.objects.get(role=Role.FUNDRAISING_GROUP)
    advocacy = WorkingGroup.objects.get(slug="communication-plaidoyer")
    for group, role in ((membership, Role.MEMBERSHIP_GROUP), (fundraising, Role.FUNDRAISING_GROUP)):
        for person in demo_users(role):
            services.working_group_member_add(group_id=group.pk, user=person, by=secretariat)
        services.working_group_lead_set(group_id=group.pk, lead=demo_users(role)[0], term_start=start,
                                        term_end=date(start.year + 1, 12, 31), by=secretariat)
    focal = demo_user(Role.MEMBER_FOCAL_POINT)
    services.working_group_member_add(group_id=advocacy.pk, user=focal, by=secretariat)
    services.working_group_lead_set(group_id=advocacy.pk, lead=focal, term_start=start, by=secretariat)

    membership.refresh_from_db()
    fundraising.refresh_from_db()
    lead = membership.lead
    adopted, created = _document(
        membership, lead, kind=Document.Kind.ACTION_PLAN, title=ADOPTED_TITLE,
        summary="Les actions du groupe pour l'année : campagne d'adhésion, révision du règlement intérieur, accueil des nouveaux membres.",
        audience=Document.Audience.MEMBERS,
    )
    if created:
        with transaction.atomic():
            _upload(adopted, lead, "plan-action-v1.pdf")
            services.document_submit(reference=adopted.reference, by=lead)
            ballot = Ballot.objects.get(dossier_reference=adopted.reference, status=Ballot.Status.OPEN)
            copil = Committee.objects.get(code="copil")
            for member in [copil.chair, *copil.members.order_by("pk")]:
                ballot.refresh_from_db()
                if ballot.status != Ballot.Status.OPEN:
                    break
                if ballot.seats.filter(member=member, recused_at__isnull=True).exists():
                    vote_cast(ballot_id=ballot.pk, by=member, choice=Choice.APPROVE)

    pending, created = _document(
        fundraising, fundraising.lead, kind=Document.Kind.TERMS_OF_REFERENCE, title=PENDING_TITLE,
        summary="Objectifs, calendrier et budget de la mission de prospection auprès de trois bailleurs.",
        audience=Document.Audience.COPIL,
    )
    if created:
        with transaction.atomic():
            _upload(pending, fundraising.lead, "termes-de-reference.pdf")
            services.document_submit(reference=pending.reference, by=fundraising.lead)
    stdout.write(f"  groupes de travail : {WorkingGroup.objects.count()}, documents : {Document.objects.count()}\n")


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
