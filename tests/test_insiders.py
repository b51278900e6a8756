"""Insiders see what their part needs, nothing more.

- The referrer of an emergency case sees its status only: no messages.
- Nothing of an emergency case appears in the Django admin, to anyone.
- The applicant side of a dossier (here a proposal's lead focal point) sees
  public labels and decisions only: no internal comments, no ballots, no
  status links to issue (approvals/README.md, "Who sees committee material").
"""

from decimal import Decimal

import pytest
from django.contrib import admin

from approvals.access import grant
from approvals.models import (
    Ballot,
    Decision,
    DossierMessage,
    Letter,
    Notification,
    OutboxMessage,
    StatusLink,
    TimelineEntry,
    Vote,
)
from approvals.services import status_link_issue, vote_cast
from tests.casework.conftest import chair, emergency, officer, relay_outbox  # noqa: F401  (fixtures)
from tests.casework.factories import FundFactory, make_case

pytestmark = pytest.mark.django_db


# --- the referrer of an emergency case ------------------------------------------------------


def test_the_referrer_neither_reads_nor_posts_the_case_messages(emergency, chair, officer, make_user, client_for):
    # given a case referred by a member organisation's focal point, in its officer's hands
    referrer = make_user("member_focal_point")
    case = make_case(referred_by=referrer)
    grant(referrer, case, "view_status")
    from casework.services import case_assign

    case_assign(case_id=case.pk, officer=officer, by=chair)
    client = client_for(referrer)
    url = f"/dossiers/{case.reference}/messages/"

    # when the referrer opens the thread or posts on it
    read = client.get(url)
    post = client.post(url, {"body": "Des nouvelles ?"})

    # then both are refused as if there were nothing, and nothing is written
    assert read.status_code == 404 and post.status_code == 404
    assert not DossierMessage.objects.filter(dossier_reference=case.reference).exists()
    # nor does its officer open a thread the referrer would be told of
    assert client_for(officer).post(url, {"body": "Le contact a confirmé la menace."}).status_code == 404
    assert not DossierMessage.objects.filter(dossier_reference=case.reference).exists()
    # the status page of the referral still works, without a messages link
    page = client.get(f"/urgence/orientations/{case.reference}/")
    assert page.status_code == 200 and url not in page.content.decode()
    space = client.get("/mon-espace/").content.decode()
    assert url not in space


# --- the admin --------------------------------------------------------------------------------


def _emergency_case_with_everything(chair, officer, relay_outbox):
    """A critical case granted on the fast track: ballot, vote, decision,
    letter, timeline, status link, messages, notifications, outbox."""
    from casework.services import case_assign, case_fast_track

    fund = FundFactory(contributions=["500000"])
    case = make_case(urgency="critical", code_name="Aigrette-9")
    case_assign(case_id=case.pk, officer=officer, by=chair)
    case_fast_track(case_id=case.pk, by=chair, proposed_amount=Decimal("100000"), fund_id=fund.pk)
    vote_cast(ballot_id=Ballot.objects.get(dossier_reference=case.reference, status="open").pk, by=chair, choice="approve")
    status_link_issue(dossier=case, by=officer)
    relay_outbox()
    return case


def test_nothing_of_an_emergency_case_appears_in_the_admin(emergency, chair, officer, relay_outbox, make_user, client_for):
    case = _emergency_case_with_everything(chair, officer, relay_outbox)
    reference = case.reference
    # the rows exist…
    assert Letter.objects.filter(dossier_reference=reference).exists()
    assert Decision.objects.filter(dossier_reference=reference).exists()
    assert Vote.objects.filter(ballot__dossier_reference=reference).exists()
    assert StatusLink.objects.filter(dossier_reference=reference).exists()
    assert TimelineEntry.objects.filter(dossier_reference=reference).exists()
    Notification.objects.create(recipient=chair, subject="Un cas attend", url=f"/urgence/cas/{reference}/",
                                dossier_reference=reference, source_key="test-urg")
    OutboxMessage.objects.create(topic="notify", payload={"url": f"/urgence/cas/{reference}/", "sensitive": True},
                                 dedupe_key="test-urg")
    decision_reference = Decision.objects.get(dossier_reference=reference).reference

    # …but no admin page shows them, to the secretariat or a superuser
    for user in (make_user("administrator", is_staff=True), make_user("administrator", is_staff=True, is_superuser=True)):
        client = client_for(user)
        for model in admin.site._registry:
            url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
            page = client.get(url).content.decode()
            assert reference not in page and decision_reference not in page, url
            for query in (reference, decision_reference):
                response = client.get(url, {"q": query})
                # (the search box echoes the query itself: count the rows found)
                if response.status_code == 200 and response.context and "cl" in response.context:
                    changelist = response.context["cl"]
                    assert not changelist.search_fields or changelist.result_count == 0, (url, query)
        # nor by their ids
        letter = Letter.objects.filter(dossier_reference=reference).first()
        response = client.get(f"/admin/approvals/letter/{letter.pk}/change/", follow=True)
        assert reference not in response.content.decode()


def test_rows_of_ordinary_dossiers_stay_in_the_admin(make_user, client_for):
    from approvals.services import dossier_create
    from tests.dossiers.models import Petition

    petition = dossier_create(Petition, by=make_user("applicant"), title="Pétition ordinaire")
    client = client_for(make_user("administrator", is_staff=True, is_superuser=True))
    assert petition.reference in client.get("/admin/approvals/timelineentry/").content.decode()


# --- the applicant side of a proposal -------------------------------------------------------


def test_the_lead_focal_point_sees_public_steps_and_decisions_only(make_user, client_for, seat_committee):
    from grants.services import proposal_create
    from tests.grants.factories import member_with_focal_point

    # given a proposal whose lead's focal point may edit it, sent to the COPIL
    copil = seat_committee("copil", members=3)
    fundraiser = make_user("fundraising_group")
    lead, focal_point = member_with_focal_point()
    proposal = proposal_create(by=fundraiser, title="Projet commun", lead_organisation_id=lead.pk, currency="EUR")
    from approvals.services import ballot_open, record_event

    record_event(proposal, by=fundraiser, comment="Note interne : le budget du partenaire est fragile.")
    ballot = ballot_open(dossier=proposal, committee=copil, question="Valider la proposition commune ?", by=copil.chair)
    vote_cast(ballot_id=ballot.pk, by=copil.members.exclude(pk=copil.chair_id).first(), choice="reject")
    client = client_for(focal_point)

    # when the focal point opens the engine's pages
    page = client.get(f"/dossiers/{proposal.reference}/").content.decode()
    ballot_page = client.get(f"/scrutins/{ballot.pk}/")
    link = client.post(f"/dossiers/{proposal.reference}/lien-de-suivi/")

    # then no internal comment, no ballot, no vote, and no status link
    assert "budget du partenaire est fragile" not in page
    assert "Valider la proposition commune" not in page and f"/scrutins/{ballot.pk}/" not in page
    assert ballot_page.status_code in (403, 404)
    assert link.status_code == 403
    assert not StatusLink.objects.filter(dossier_reference=proposal.reference).exists()
    # while the fundraiser who handles it sees them
    handler_page = client_for(fundraiser).get(f"/dossiers/{proposal.reference}/").content.decode()
    assert "budget du partenaire est fragile" in handler_page
