"""The demo's working groups: leads with a term, members, one document
adopted by the COPIL (published to the members) and one awaiting its vote
(on the demo COPIL meeting's agenda)."""

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
