"""Home section: an open vote where the person casts an organisation's vote."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.home import exists, probe, register_probe
from members.models import Organisation

from . import election_selectors as selectors
from .models import Election

# Read with the other probes in one query: is any vote open while the person
# is a focal point of a member in good standing?
register_probe(
    "governance.open_vote",
    exists(
        Election.objects.filter(state=Election.State.VOTING).filter(
            Exists(Organisation.objects.filter(state=Organisation.State.ACTIVE, focal_points=OuterRef(OuterRef("pk"))))
        )
    ),
)


def elections_to_vote(request):
    if not probe(request, "governance.open_vote"):
        return None
    items = [
        {
            "label": election.title,
            "url": reverse("governance:vote", kwargs={"pk": election.pk}),
            "meta": _("Vote de : %(organisations)s") % {"organisations": ", ".join(str(o) for o in waiting)},
            "overdue": False,
        }
        for election, waiting in selectors.open_elections_for(request.user)
    ]
    return [
        {
            "title": _("Élections : votre organisation vote"),
            "items": items,
            "empty_text": _("Votre organisation a voté à toutes les élections ouvertes."),
        }
    ]
