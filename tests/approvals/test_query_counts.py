"""The pages people open most cost the same few queries for one dossier as
for twenty of every kind, and perform() the same few round trips for any
dossier. (Counts of queries only; times are measured in benchmarks/.)

Each page is opened once before it is counted: the first request of a
process fills per-process caches (content types, permission ids).
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from approvals.access import grant
from approvals.models import Ballot, Committee
from approvals.services import ballot_open, dossier_create, message_post, perform, status_link_issue
from casework.models import Case
from grants.services import proposal_create
from tests.casework.factories import make_case
from tests.dossiers.models import Petition
from tests.grants.factories import member_with_focal_point
from tests.members.factories import ApplicationFactory
from tests.space.factories import _letter

# The counts asserted below, page by page (the same for 1 and for 20).
SPACE = 10  # session, user, roles with their rights, 4 kinds' dossiers (3 outside tests), steps, letters, unread
HOME_APPLICANT = 9  # session, user, roles and rights, the sections' probes (one query), 4 kinds, my applications
HOME_COPIL = 6  # session, user, second factor, roles and rights, the sections' probes, ballots
HOME_CHAIR = 6  # the same: the votes in meetings to confirm are read only when the probes say there are some
BALLOTS = 6
DOSSIER_APPLICANT = 10
DOSSIER_REVIEWER = 13
STATUS_PAGE = 5
PERFORM = 5  # savepoint, the row locked with its last snapshot, the actor's rights on it, one write (row, timeline, outbox), release


@pytest.fixture(autouse=True)
def private_storage(db, settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    settings.RELAIS_MESSAGE_RATE = "1000/3600"  # one person writes on sixty dossiers here
    cache.clear()
    yield
    cache.clear()


def applicant_with(count, *, fundraiser):
    """One person who follows `count` dossiers of each kind as an applicant:
    membership applications (submitted, a message, a letter each), joint
    proposals their organisation leads (a message, a letter each) and
    emergency cases they referred (status only: a case has no messages)."""
    organisation, person = member_with_focal_point(roles=("applicant", "member_focal_point"), email="suivi@example.org")
    applications = []
    for i in range(count):
        application = ApplicationFactory(owner=person, name=f"Association {i} des droits", acronym=f"AD{i}")
        perform(application, "submit", by=person)
        message_post(dossier=application, by=person, body=f"Message {i}")
        _letter(application, "information_requested", {"requested_items": [f"Rapport {i}"]})
        applications.append(application)
        proposal = proposal_create(by=fundraiser, title=f"Projet {i}", lead_organisation_id=organisation.pk, currency="XAF")
        message_post(dossier=proposal, by=person, body=f"Message {i}")
        _letter(proposal, "proposal_validated")
        case = make_case(by=person, code_name=f"Code-{i}", intake=Case.Intake.REFERRAL, referred_by=person)
        grant(person, case, "view_status")
    return person, applications


def ballots_for(count, *, copil):
    """`count` open COPIL ballots, each on a petition under review."""
    owner = copil.chair
    for i in range(count):
        petition = dossier_create(Petition, by=owner, title=f"Pétition {i}")
        Petition.objects.filter(pk=petition.pk).update(state=Petition.State.REVIEW)
        petition.refresh_from_db()
        ballot_open(dossier=petition, committee=copil, question=f"Approuver {petition.reference} ?")
    return Ballot.objects.filter(status=Ballot.Status.OPEN).count()


def count_queries(client, url) -> int:
    assert client.get(url).status_code == 200, url  # warms the per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


@pytest.fixture
def people(make_user, seat_committee):
    copil = seat_committee("copil", members=3, chair_email="presidence@example.org")
    return {
        "reviewer": make_user("membership_group", email="adhesion@example.org"),
        "fundraiser": make_user("fundraising_group", email="financement@example.org"),
        "copil": copil,
        "member": copil.members.exclude(pk=copil.chair_id).first(),
    }


@pytest.mark.parametrize("count", [1, 20])
def test_applicant_pages_cost_the_same_queries_for_1_or_20_dossiers_of_each_kind(count, people, client_for):
    person, applications = applicant_with(count, fundraiser=people["fundraiser"])
    client = client_for(person)

    counts = {
        "space": count_queries(client, "/mon-espace/"),
        "home": count_queries(client, "/"),
        "dossier": count_queries(client, f"/dossiers/{applications[-1].reference}/"),
    }
    assert counts == {"space": SPACE, "home": HOME_APPLICANT, "dossier": DOSSIER_APPLICANT}
    # and everything is there
    page = client.get("/mon-espace/").content.decode()
    assert page.count('class="card space-item"') == 3 * count
    assert page.count("Télécharger (.docx)") == 2 * count


@pytest.mark.parametrize("count", [1, 20])
def test_handler_pages_and_the_status_page_cost_the_same_queries_for_1_or_20_dossiers(count, people, client_for):
    person, applications = applicant_with(count, fundraiser=people["fundraiser"])
    reviewer = people["reviewer"]
    application = applications[-1]
    perform(application, "start_screening", by=reviewer)
    token = status_link_issue(dossier=application, by=reviewer)

    counts = {
        "dossier": count_queries(client_for(reviewer), f"/dossiers/{application.reference}/"),
        "status": count_queries(Client(), f"/suivi/{application.reference}/{token}/"),
    }
    assert counts == {"dossier": DOSSIER_REVIEWER, "status": STATUS_PAGE}


@pytest.mark.parametrize("count", [1, 20])
def test_a_committee_members_home_and_ballots_cost_the_same_queries_for_1_or_20_ballots(count, people, client_for):
    assert ballots_for(count, copil=people["copil"]) == count
    client = client_for(people["member"])

    counts = {
        "home": count_queries(client, "/"),
        "ballots": count_queries(client, "/scrutins/"),
        "chair_home": count_queries(client_for(people["copil"].chair), "/"),
    }
    assert counts == {"home": HOME_COPIL, "ballots": BALLOTS, "chair_home": HOME_CHAIR}
    assert client.get("/scrutins/").content.decode().count("Voter") >= count


@pytest.mark.parametrize("count", [1, 20])
def test_perform_costs_the_same_round_trips_on_any_dossier(count, make_user):
    owner = make_user("applicant")
    petitions = [dossier_create(Petition, by=owner, grant_owner=("view", "change"), title=f"P{i}") for i in range(count)]
    perform(petitions[0], "submit", by=owner)  # fills the per-process caches
    for petition in petitions[1:] or [dossier_create(Petition, by=owner, grant_owner=("view", "change"), title="P")]:
        with CaptureQueriesContext(connection) as queries:
            entry = perform(petition, "submit", by=owner)
        assert len(queries.captured_queries) == PERFORM, [q["sql"][:120] for q in queries.captured_queries]
        # every guarantee still holds: state, timeline entry, notification in the outbox
        petition.refresh_from_db()
        assert petition.state == Petition.State.SUBMITTED
        assert entry.to_state == Petition.State.SUBMITTED
