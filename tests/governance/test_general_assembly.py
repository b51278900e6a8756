"""The General Assembly of the issue, end to end: 12 member organisations
invited with an .ics, attendance with one proxy, a resolution, the COPIL
elected for 5 seats by secret ballot, the results and the procès-verbal read
back from the .docx."""

import datetime as dt
from io import BytesIO
from zoneinfo import ZoneInfo

import docx
import pytest
from django.utils import timezone
from icalendar import Calendar

from governance import services
from governance.models import Candidacy, ElectionBallot, ElectionVoter
from governance.services import (
    assembly_create,
    assembly_proxy_name,
    delegate_for,
    resolution_add,
    resolution_close,
    resolution_open,
    resolution_vote,
)
from governance.services.meetings import meeting_attendance_record, meeting_invitations_send, meeting_quorum
from tests.factories import UserFactory
from tests.governance.factories import members

DOUALA = ZoneInfo("Africa/Douala")
COUNTRIES = ["CM", "CM", "CM", "GA", "GA", "TD", "TD", "CF", "CG", "CD", "GQ", "ST"]


@pytest.fixture
def copil(seat_committee):
    return seat_committee("copil", members=4)


def _docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(BytesIO(content)).paragraphs)


def test_a_general_assembly_of_twelve_organisations_elects_its_copil(copil, client_for, mailoutbox):
    chair = copil.chair
    network = members(12, countries=COUNTRIES)
    day = (timezone.now() + dt.timedelta(days=14)).astimezone(DOUALA).date()
    assembly = assembly_create(
        by=chair, committee=copil, title="Assemblée générale ordinaire 2026",
        starts_at=dt.datetime.combine(day, dt.time(9, 0), tzinfo=DOUALA), time_zone="Africa/Douala", place="Yaoundé",
    )

    # invitations: every member organisation's focal point gets one e-mail with an .ics
    meeting_invitations_send(meeting_id=assembly.meeting_id, by=chair)
    services_relay()
    focal_emails = {focal.email for _org, focal in network}
    invited = {m.to[0]: m for m in mailoutbox}
    assert focal_emails <= set(invited)
    for email in focal_emails:
        (name, content, mimetype), = invited[email].attachments
        assert name.endswith(".ics") and mimetype.startswith("text/calendar")
        event = Calendar.from_ical(content if isinstance(content, str) else content.decode()).walk("VEVENT")[0]
        assert str(event["SUMMARY"]) == "Assemblée générale ordinaire 2026"

    # one proxy: the first organisation's focal point names someone else to vote for it
    (proxied, proxied_focal), *others = network
    proxy = UserFactory(full_name="Awa Mandataire", email="mandataire@example.org")
    assembly_proxy_name(assembly_id=assembly.pk, organisation_id=proxied.pk, proxy_id=proxy.pk, by=proxied_focal)
    assert delegate_for(assembly, proxied) == proxy

    # attendance: eleven organisations represented (the proxy for the first), one absent
    present = network[:11]
    meeting_attendance_record(meeting_id=assembly.meeting_id, by=chair, entries=[
        {"person": delegate_for(assembly, org).pk, "organisation": org.pk, "capacity": "proxy" if org == proxied else "delegate"}
        for org, _focal in present
    ])
    assert meeting_quorum(assembly.meeting)["met"] is True

    # a resolution, voted one organisation, one vote
    resolution = resolution_add(assembly_id=assembly.pk, by=chair, title="Rapport moral et financier 2025")
    resolution_open(resolution_id=resolution.pk, by=chair)
    for org, _focal in present:
        resolution_vote(resolution_id=resolution.pk, by=delegate_for(assembly, org), organisation_id=org.pk, choice="approve")
    assert resolution_close(resolution_id=resolution.pk, by=chair).outcome == "adopted"

    # the election: 5 seats, at most 2 per country, at least 2 women; seven candidates
    election = services.election_create(
        by=chair, committee=copil, title="Élection du COPIL 2027-2029", seats=5, assembly=assembly,
        term_starts_on=dt.date(2027, 1, 1), term_ends_on=dt.date(2029, 12, 31), max_per_country=2, min_women=2,
    )
    genders = ["man", "man", "woman", "man", "man", "woman", "woman"]
    standing = network[:7]  # CM, CM, CM, GA, GA, TD, TD
    candidacies = [
        services.candidacy_submit(election_id=election.pk, organisation_id=org.pk, person=focal, gender=gender, by=chair)
        for (org, focal), gender in zip(standing, genders)
    ]
    services.election_open(election_id=election.pk, by=chair)

    # each organisation present votes through its delegate (the proxy for the first), on the page
    page = client_for(proxy).get(f"/gouvernance/elections/{election.pk}/voter/")
    assert page.status_code == 200 and proxied.name in page.content.decode()
    refused = client_for(proxied_focal).post(f"/gouvernance/elections/{election.pk}/voter/",
                                             {"organisation": proxied.pk, "candidacies": [candidacies[0].pk]})
    assert refused.status_code == 403
    # the votes give, in order: CM man 10, CM man 9, CM woman 8, GA man 7, GA man 6, TD women 5 and 5;
    # the raw top five hold three Cameroonians and one woman
    ballots = {0: [0, 1, 2, 3, 4], 1: [0, 1, 2, 3, 4], 2: [0, 1, 2, 3, 4], 3: [0, 1, 2, 3, 5], 4: [0, 1, 2, 3, 5],
               5: [0, 1, 2, 3, 6], 6: [0, 1, 2, 4, 6], 7: [0, 1, 2, 4, 6], 8: [0, 1, 4, 5, 6], 9: [0, 4, 5, 6], 10: [5]}
    for i, (org, _focal) in enumerate(present):
        voter = client_for(delegate_for(assembly, org))
        response = voter.post(f"/gouvernance/elections/{election.pk}/voter/",
                              {"organisation": org.pk, "candidacies": [candidacies[k].pk for k in ballots[i]]})
        assert response.status_code == 302, response.content.decode()[:500]
    assert ElectionVoter.objects.filter(election=election).count() == ElectionBallot.objects.filter(election=election).count() == 11

    services.election_close(election_id=election.pk, by=chair, language="fr")
    services_relay()
    counted = {c.pk: c for c in Candidacy.objects.filter(election=election)}
    votes = [counted[c.pk].votes for c in candidacies]
    assert votes == [10, 9, 8, 6, 7, 5, 5]
    # the rules: the third Cameroonian is passed over (at most 2 per country), then a man
    # for the seats kept for women (at least 2): the two Chadian women take them
    elected = [i for i, c in enumerate(candidacies) if counted[c.pk].elected]
    assert elected == [0, 1, 4, 5, 6]
    assert counted[candidacies[2].pk].result_note == Candidacy.PassedOver.COUNTRY_CAP
    assert counted[candidacies[3].pk].result_note == Candidacy.PassedOver.WOMEN_MINIMUM

    # the procès-verbal, read back from the .docx
    response = client_for(proxied_focal).get(f"/gouvernance/elections/{election.pk}/proces-verbal.docx")
    assert response.status_code == 200
    text = _docx_text(b"".join(response.streaming_content))
    assert "Sièges à pourvoir : 5" in text and "bulletins déposés : 11" in text
    assert "Organisations appelées à voter : 12" in text
    for i, candidacy in enumerate(candidacies):
        line = f"{counted[candidacy.pk].rank}. {candidacy.person} ("
        assert line in text and f"— {votes[i]} voix —" in text
    assert "plafond de sièges par pays atteint" in text and "minimum de femmes" in text
    section = text.split("Sont élu·es", 1)[1].split("Fait le", 1)[0]
    assert [i for i, c in enumerate(candidacies) if str(c.person) in section] == elected


def services_relay():
    from approvals.services import relay

    relay()
