"""The demo's committees and working groups, seated with demo people who can
all sign in (accounts.demo): the COPIL's seven members (quorum 4), the
emergency committee, the two working groups. Every ballot of the demo can
thus be decided, and every journey finished, through the interface."""

from django.contrib.auth import get_user_model

from accounts.demo import DEMO_DOMAIN, demo_users
from accounts.roles import Role

from .models import Committee
from .services import relay

# committee code -> (chair's role or None, members' roles)
SEATING = {
    "copil": (Role.COPIL_CHAIR, (Role.COPIL_CHAIR, Role.COPIL_MEMBER)),
    "emergency": (Role.EMERGENCY_CHAIR, (Role.EMERGENCY_CHAIR, Role.EMERGENCY_MEMBER)),
    "membership_group": (None, (Role.MEMBERSHIP_GROUP,)),
    "fundraising_group": (None, (Role.FUNDRAISING_GROUP,)),
}

# Earlier demos seated fictional members who could not sign in.
RETIRED_DOMAIN = f"comite.{DEMO_DOMAIN}"


def load(stdout):
    retired = get_user_model().objects.filter(email__endswith=f"@{RETIRED_DOMAIN}")
    seated = []
    for code, (chair_role, member_roles) in SEATING.items():
        committee = Committee.objects.filter(code=code).first()
        if committee is None:
            continue
        if chair_role is not None:
            committee.chair = demo_users(chair_role)[0]
            committee.save(update_fields=["chair"])
        committee.members.remove(*retired)
        committee.members.add(*[user for role in member_roles for user in demo_users(role)])
        seated.append(f"{committee.decision_prefix} {committee.members.count()}")
    stdout.write(f"  comités et groupes : {', '.join(seated)} membres\n")


MEETING_TITLE = "Réunion trimestrielle du COPIL (démonstration)"


def _copil_meeting():
    """A coming COPIL meeting whose agenda lists what waits for the COPIL, so
    the secretariat can record votes given in session and the chair confirm."""
    from datetime import datetime, time, timedelta

    from django.db import transaction
    from django.utils import timezone

    from .letters.services import meeting_create
    from .models import Meeting

    copil = Committee.objects.filter(code="copil").select_related("chair").first()
    if copil is None or copil.chair is None or Meeting.objects.filter(committee=copil, title=MEETING_TITLE).exists():
        return
    with transaction.atomic():
        day = timezone.localdate() + timedelta(days=7)
        zone = timezone.get_default_timezone()
        meeting_create(
            by=copil.chair, committee=copil, title=MEETING_TITLE, kind=Meeting.Kind.QUARTERLY,
            starts_at=datetime.combine(day, time(9, 0), tzinfo=zone), time_zone=str(zone), duration_minutes=180,
            place="Douala", link="https://visio.example.org/copil",
        )


def loaded(stdout):
    """After the commit: a COPIL meeting on what waits for it, then deliver
    what the outbox holds (notifications, e-mails to var/mail/, decision
    letters) without waiting for a worker."""
    _copil_meeting()
    delivered = relay()
    if delivered:
        stdout.write(f"  messages délivrés : {delivered}\n")
