"""The General Assembly: one delegate per organisation in good standing (its
focal point, or a proxy it names, recorded), observers without a vote,
resolutions voted one organisation, one vote; results in the minutes, which
the members read (and not the COPIL's)."""

import pytest
from django.db import transaction

from approvals.letters.services import meeting_create, meeting_minutes_request
from approvals.models import Letter, Meeting
from approvals.refusals import Refused
from governance.models import Delegation, ResolutionVote
from governance.services import (
    assembly_create,
    assembly_proxy_name,
    delegate_for,
    resolution_add,
    resolution_close,
    resolution_open,
    resolution_vote,
    voting_organisations,
)
from governance.services.meetings import meeting_attendance_record, meeting_quorum
from members.models import Organisation
from tests.letters.helpers import docx_text


@pytest.fixture
def network(make_org, make_user):
    """Four member organisations in good standing, each with a focal point, and a suspended one."""
    orgs = [
        make_org(name=f"Organisation {letter}", acronym=f"ORG{letter}",
                 focal_points=[make_user("member_focal_point", email=f"fp-{letter.lower()}@example.org", full_name=f"Point focal {letter}")])
        for letter in "ABCD"
    ]
    suspended = make_org(name="Organisation suspendue", state=Organisation.State.SUSPENDED,
                         focal_points=[make_user("member_focal_point", email="fp-s@example.org")])
    return orgs, suspended


@pytest.fixture
def assembly(copil, in_two_weeks, network):
    return assembly_create(by=copil.chair, committee=copil, title="Assemblée générale ordinaire 2026",
                           starts_at=in_two_weeks, time_zone="Africa/Douala", place="Yaoundé")


def focal(org):
    return org.focal_points.get()


def sheet(assembly, orgs, *, observers=()):
    entries = [{"person": delegate_for(assembly, org).pk, "organisation": org.pk,
                "capacity": "proxy" if Delegation.objects.filter(assembly=assembly, organisation=org, is_proxy=True).exists() else "delegate"}
               for org in orgs]
    entries += [{"person": person.pk, "organisation": None, "capacity": "observer"} for person in observers]
    return meeting_attendance_record(meeting_id=assembly.meeting_id, by=assembly.meeting.committee.chair, entries=entries)


def test_a_proxy_is_recorded_and_votes_for_the_organisation(assembly, network, make_user, client_for):
    (a, b, c, d), _suspended = network
    proxy = make_user(email="mandataire@example.org", full_name="Awa Mandataire")
    assert delegate_for(assembly, a) == focal(a)
    # the focal point names a proxy from the assembly's page
    response = client_for(focal(a)).post(f"/gouvernance/assemblee/{assembly.pk}/procuration/",
                                         {"organisation": a.pk, "proxy": "mandataire@example.org"})
    assert response.status_code == 302
    delegation = Delegation.objects.get(assembly=assembly, organisation=a)
    assert (delegation.delegate, delegation.is_proxy, delegation.named_by) == (proxy, True, focal(a))
    assert delegation.named_at is not None
    assert delegate_for(assembly, a) == proxy
    # a focal point of another organisation cannot name a proxy for it
    with pytest.raises(Refused):
        assembly_proxy_name(assembly_id=assembly.pk, organisation_id=a.pk, proxy_id=focal(b).pk, by=focal(b))
    # the proxy, present, votes for the organisation; its focal point no longer does
    sheet(assembly, [a, b])
    resolution = resolution_add(assembly_id=assembly.pk, by=assembly.meeting.committee.chair, title="Rapport moral")
    resolution_open(resolution_id=resolution.pk, by=assembly.meeting.committee.chair)
    with pytest.raises(Refused, match="délégué"):
        resolution_vote(resolution_id=resolution.pk, by=focal(a), organisation_id=a.pk, choice="approve")
    vote = resolution_vote(resolution_id=resolution.pk, by=proxy, organisation_id=a.pk, choice="approve")
    assert (vote.organisation, vote.cast_by) == (a, proxy)
    # and the page says who gave the proxy
    page = client_for(focal(b)).get(f"/gouvernance/assemblee/{assembly.pk}/").content.decode()
    assert "Awa Mandataire" in page and "procuration donnée par Point focal A" in page


def test_one_organisation_one_vote_and_the_results(assembly, network, client_for):
    (a, b, c, d), suspended = network
    chair = assembly.meeting.committee.chair
    sheet(assembly, [a, b, c])
    assert meeting_quorum(assembly.meeting) == {"present": 3, "eligible": 4, "needed": 2, "met": True}
    resolution = resolution_add(assembly_id=assembly.pk, by=chair, title="Comptes 2025")
    resolution_open(resolution_id=resolution.pk, by=chair)
    # the delegate votes through the page
    url = f"/gouvernance/assemblee/resolutions/{resolution.pk}/voter/"
    assert client_for(focal(a)).post(url, {"organisation": a.pk, "choice": "approve"}).status_code == 302
    # a second vote from the same organisation is refused
    second = client_for(focal(a)).post(url, {"organisation": a.pk, "choice": "reject"})
    assert second.status_code == 409
    assert list(ResolutionVote.objects.filter(resolution=resolution).values_list("organisation", "choice")) == [(a.pk, "approve")]
    resolution_vote(resolution_id=resolution.pk, by=focal(b), organisation_id=b.pk, choice="approve")
    resolution_vote(resolution_id=resolution.pk, by=focal(c), organisation_id=c.pk, choice="reject")
    # a delegate not recorded present does not vote
    with pytest.raises(Refused, match="présent"):
        resolution_vote(resolution_id=resolution.pk, by=focal(d), organisation_id=d.pk, choice="approve")
    resolution = resolution_close(resolution_id=resolution.pk, by=chair)
    assert resolution.outcome == "adopted"
    assert resolution.counts == {"approve": 2, "reject": 1, "abstain": 0, "cast": 3, "eligible": 4}


def test_an_observer_and_an_organisation_not_in_good_standing_cannot_vote(assembly, network, make_user):
    (a, b, c, d), suspended = network
    chair = assembly.meeting.committee.chair
    observer = make_user(email="observateur@example.org")
    sheet(assembly, [a], observers=[observer, focal(suspended)])
    # the suspended organisation does not vote, and cannot be seated as a voting delegate
    assert suspended not in voting_organisations(assembly)
    with pytest.raises(Refused, match="à jour"):
        meeting_attendance_record(meeting_id=assembly.meeting_id, by=chair, entries=[
            {"person": focal(suspended).pk, "organisation": suspended.pk, "capacity": "delegate"}])
    resolution = resolution_add(assembly_id=assembly.pk, by=chair, title="Adhésions")
    resolution_open(resolution_id=resolution.pk, by=chair)
    with pytest.raises(Refused, match="observat"):
        resolution_vote(resolution_id=resolution.pk, by=observer, organisation_id=a.pk, choice="approve")
    with pytest.raises(Refused, match="à jour"):
        resolution_vote(resolution_id=resolution.pk, by=focal(suspended), organisation_id=suspended.pk, choice="approve")
    # nor can it name a proxy
    with pytest.raises(Refused, match="à jour"):
        assembly_proxy_name(assembly_id=assembly.pk, organisation_id=suspended.pk, proxy_id=observer.pk, by=focal(suspended))
    assert not ResolutionVote.objects.exists()


def test_members_read_the_assemblys_minutes_not_the_copils(assembly, network, copil, relay_outbox, client_for):
    (a, b, c, d), suspended = network
    chair = copil.chair
    sheet(assembly, [a, b])
    resolution = resolution_add(assembly_id=assembly.pk, by=chair, title="Rapport financier")
    resolution_open(resolution_id=resolution.pk, by=chair)
    resolution_vote(resolution_id=resolution.pk, by=focal(a), organisation_id=a.pk, choice="approve")
    resolution_vote(resolution_id=resolution.pk, by=focal(b), organisation_id=b.pk, choice="abstain")
    resolution_close(resolution_id=resolution.pk, by=chair)
    copil_meeting = meeting_create(by=chair, committee=copil, title="COPIL restreint", kind=Meeting.Kind.QUARTERLY,
                                   date=assembly.meeting.date)
    with transaction.atomic():
        meeting_minutes_request(meeting_id=assembly.meeting_id, by=chair, language="fr")
        meeting_minutes_request(meeting_id=copil_meeting.pk, by=chair, language="fr")
    relay_outbox()
    ga_minutes = Letter.objects.get(meeting=assembly.meeting)
    copil_minutes = Letter.objects.get(meeting=copil_meeting)
    with ga_minutes.file.open("rb") as handle:
        text = docx_text(handle.read())
    # the minutes carry the attendance per organisation and the resolution's result
    assert "Organisation A (ORGA) — Point focal A" in text and "Rapport financier" in text
    # the organisations in good standing not represented are the absent ones
    assert "Absents : Organisation C (ORGC), Organisation D (ORGD)" in text
    assert "Adoptée (pour : 1, contre : 0, abstentions : 1)" in text
    # a member organisation's focal point reads the GA's minutes from the members' page
    member = client_for(focal(c))
    listing = member.get("/gouvernance/reunions/").content.decode()
    assert assembly.meeting.title in listing and "COPIL restreint" not in listing
    page = member.get(f"/gouvernance/reunions/{assembly.meeting_id}/").content.decode()
    assert ga_minutes.get_absolute_url() in page
    assert member.get(ga_minutes.get_absolute_url()).status_code == 200
    # and not the COPIL's
    assert member.get(copil_minutes.get_absolute_url()).status_code == 403
    assert member.get(f"/gouvernance/reunions/{copil_meeting.pk}/").status_code == 404
    # a suspended organisation's focal point is still in the network: it reads them too
    assert client_for(focal(suspended)).get(ga_minutes.get_absolute_url()).status_code == 200


def test_a_person_twice_on_the_sheet_is_refused_and_nothing_is_written(assembly, network):
    (a, b, c, d), _suspended = network
    sheet(assembly, [a])
    # a delegate cannot also sit as an observer
    with pytest.raises(Refused, match="deux fois"):
        sheet(assembly, [b], observers=[focal(b)])
    # nor a committee member twice
    member = assembly.meeting.committee.members.exclude(pk=assembly.meeting.committee.chair_id).first()
    with pytest.raises(Refused, match="deux fois"):
        meeting_attendance_record(meeting_id=assembly.meeting_id, by=assembly.meeting.committee.chair, entries=[
            {"person": member.pk, "organisation": None, "capacity": "member"},
            {"person": member.pk, "organisation": None, "capacity": "observer"}])
    assert [row.organisation for row in assembly.meeting.attendance.all()] == [a]
