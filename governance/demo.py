"""The demo's meetings for the network: the coming COPIL quarterly meeting
(approvals.demo) gets its invitations, and a General Assembly is convened,
invitations sent, with a free agenda item and a resolution open to the
member organisations' delegates."""

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
    delivered = relay()
    stdout.write(f"  réunions : {invited} invitation(s) en file, {delivered} message(s) délivré(s)\n")
