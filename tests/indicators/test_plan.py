"""The action plan's targets: computed sources on scripted data, values
entered with evidence and history, progress per axis, who sees and enters."""

import datetime as dt
import html
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.roles import Role
from approvals.models import Committee, Meeting
from casework.models import Case
from grants.models import Funder, Opportunity
from indicators.models import Axis, Indicator, IndicatorValue
from indicators.periods import Period
from indicators.plan.progress import plan_progress, plan_tables
from indicators.plan.sources import SOURCES, register_source, source_value
from tests.casework.factories import make_case
from tests.grants.factories import make_opportunity
from tests.members.factories import OrganisationFactory
from tests.uploads import samples

DOUALA = ZoneInfo("Africa/Douala")
UTC = dt.timezone.utc
YEAR = Period.year(2025)


@pytest.fixture
def plan(db):
    axis = Axis.objects.create(code="gouvernance", title="Adhésion et gouvernance", order=1)
    other = Axis.objects.create(code="urgence", title="Fonds d'urgence", order=2)
    return {
        "copil": Indicator.objects.create(axis=axis, code="copil", title="4 réunions du COPIL par an", target=4, unit="réunions", source="copil_meetings"),
        "trained": Indicator.objects.create(
            axis=axis, code="formes", title="20 personnes formées", target=20, unit="personnes", responsible_role=Role.MEMBERSHIP_GROUP
        ),
        "in_time": Indicator.objects.create(
            axis=other, code="delais", title="90 % décidées dans les délais", target=90, measure="percent", source="emergency_decided_in_time"
        ),
    }


def test_meetings_members_opportunities_and_the_funder_map_are_counted_per_period(db, make_user):
    copil = Committee.objects.get(code="copil")
    for number, day in enumerate([dt.date(2024, 12, 31), dt.date(2025, 1, 1), dt.date(2025, 6, 5), dt.date(2025, 12, 31), dt.date(2026, 1, 1)]):
        Meeting.objects.create(reference=f"PV-T-{number}", committee=copil, title="Réunion", date=day)
    Meeting.objects.create(reference="PV-T-URG", committee=Committee.objects.get(code="emergency"), title="Comité", date=dt.date(2025, 3, 3))
    assert source_value("copil_meetings", YEAR) == 3
    assert source_value("copil_meetings", Period.quarter(2025, 1)) == 1
    # a General Assembly is counted apart; a meeting still to come is not counted yet
    Meeting.objects.create(reference="PV-T-AG", committee=copil, title="AG", date=dt.date(2025, 9, 1), kind=Meeting.Kind.GENERAL_ASSEMBLY)
    soon = timezone.localdate() + dt.timedelta(days=20)
    Meeting.objects.create(reference="PV-T-NEXT", committee=copil, title="Réunion", date=soon)
    assert source_value("copil_meetings", YEAR) == 3
    assert source_value("general_assemblies", YEAR) == 1
    assert source_value("copil_meetings", Period.between(soon - dt.timedelta(days=40), soon)) == 0

    OrganisationFactory(joined_on=dt.date(2020, 1, 1))
    OrganisationFactory(joined_on=dt.date(2025, 5, 1))
    OrganisationFactory(joined_on=dt.date(2026, 2, 1))  # joined after the period
    OrganisationFactory(joined_on=dt.date(2021, 1, 1), state="suspended")
    assert source_value("members_in_good_standing", YEAR) == 2
    assert source_value("members_joined", YEAR) == 1

    fundraiser = make_user("fundraising_group")
    # spotted at 23:30 in Douala on 31 December 2024 (22:30 UTC): 2024; at 00:30 on 1 January 2025 (23:30 UTC the day before): 2025
    for when in [dt.datetime(2024, 12, 31, 22, 30, tzinfo=UTC), dt.datetime(2024, 12, 31, 23, 30, tzinfo=UTC), dt.datetime(2025, 8, 1, 9, tzinfo=UTC)]:
        opportunity = make_opportunity(by=fundraiser)
        Opportunity.objects.filter(pk=opportunity.pk).update(created_at=when)
    assert source_value("opportunities_identified", YEAR) == 2
    assert source_value("opportunities_identified", Period.year(2024)) == 1

    Funder.objects.update(created_at=dt.datetime(2020, 1, 1, tzinfo=UTC), updated_at=dt.datetime(2020, 1, 1, tzinfo=UTC))
    assert source_value("funder_map_updated", YEAR) == 0
    Funder.objects.filter(pk=Funder.objects.first().pk).update(updated_at=dt.datetime(2025, 4, 1, tzinfo=UTC))
    assert source_value("funder_map_updated", YEAR) == 1


def _decided(urgency, received, hours):
    case = make_case(urgency=urgency)
    Case.objects.filter(pk=case.pk).update(received_at=received, decided_at=received + dt.timedelta(hours=hours))


def test_the_share_of_emergency_decisions_in_time_reads_the_network_clock(db):
    _decided("critical", dt.datetime(2025, 3, 1, 8, tzinfo=UTC), 23)  # in time (24 h)
    _decided("high", dt.datetime(2025, 4, 1, 8, tzinfo=UTC), 80)  # late (72 h)
    _decided("standard", dt.datetime(2025, 5, 1, 8, tzinfo=UTC), 24 * 9)  # in time (10 days)
    # decided at 23:30 in Douala on 31 December (22:30 UTC): in 2025, in time
    _decided("critical", dt.datetime(2025, 12, 31, 0, 0, tzinfo=UTC), 22.5)
    # decided at 00:30 in Douala on 1 January 2026 (23:30 UTC on 31 December): not in 2025
    _decided("critical", dt.datetime(2025, 12, 31, 1, 0, tzinfo=UTC), 22.5)
    assert source_value("emergency_decided_in_time", YEAR) == Decimal("75.0")
    # fewer than three decisions: no share is shown (people at risk)
    assert source_value("emergency_decided_in_time", Period.quarter(2025, 2)) is None
    assert source_value("emergency_decided_in_time", Period.year(2026)) is None


def test_the_registry_takes_sources_from_other_apps(plan):
    register_source("general_assemblies", "Assemblées générales tenues", unit="assemblées")(lambda period: 1 if period.start.year == 2025 else 0)
    try:
        indicator = Indicator.objects.create(axis=plan["copil"].axis, code="ag", title="1 AG par an", target=1, source="general_assemblies")
        rows = {item.code: progress for _axis, items in plan_progress(2025) for item, progress in items}
        assert rows[indicator.code][0].value == 1 and rows[indicator.code][0].reached
    finally:
        SOURCES.pop("general_assemblies")


def _enter(client, code, period, value, evidence=None, comment=""):
    data = {"periode": period, "value": value, "comment": comment}
    if evidence is not None:
        data["evidence"] = evidence
    return client.post(f"/indicateurs/plan/{code}/", data)


def test_values_are_entered_with_evidence_and_kept_in_the_history(plan, make_user, client_for, private_storage):
    first_hand, second_hand = make_user("membership_group", full_name="Awa Diallo"), make_user("membership_group", full_name="Paul Mba")
    this_year = timezone.localdate().year
    response = _enter(client_for(first_hand), "formes", str(this_year), "12", SimpleUploadedFile("presences.pdf", samples.pdf_bytes("liste")), "Atelier")
    assert response.status_code == 302
    assert _enter(client_for(second_hand), "formes", str(this_year), "15", comment="Correction").status_code == 302
    # never overwritten: both values, who and when; the latest counts
    entries = list(IndicatorValue.objects.filter(indicator=plan["trained"]).order_by("entered_at"))
    assert [(e.value, e.entered_by) for e in entries] == [(Decimal("12"), first_hand), (Decimal("15"), second_hand)]
    page = html.unescape(client_for(make_user("auditor")).get("/indicateurs/plan/formes/").content.decode())
    assert "Awa Diallo" in page and "Paul Mba" in page and "Correction" in page and "presences.pdf" in page
    # the evidence comes back as it was checked, as an attachment
    download = client_for(make_user("copil_member")).get(f"/indicateurs/plan/preuves/{entries[0].pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert "attachment" in download["Content-Disposition"]
    # the plan shows progress against the target: 15 of 20
    plan_page = html.unescape(client_for(make_user("copil_chair")).get("/indicateurs/plan/", {"annee": this_year}).content.decode())
    assert "Adhésion et gouvernance" in plan_page and "75 %" in plan_page
    tables = {table.key: table for table in plan_tables(this_year)}
    row = dict(tables["plan-gouvernance"].rows)["20 personnes formées"]
    assert [cell.value for cell in row] == [Decimal("20"), Decimal("15"), 75]


def test_progress_of_computed_indicators_is_shown_per_axis(plan, make_user, client_for):
    copil = Committee.objects.get(code="copil")
    for number in range(3):
        Meeting.objects.create(reference=f"PV-P-{number}", committee=copil, title="Réunion", date=dt.date(2025, 3 * number + 1, 10))
    page = html.unescape(client_for(make_user("administrator")).get("/indicateurs/plan/", {"annee": 2025}).content.decode())
    section = page.split('id="axe-gouvernance"')[1].split("</section>")[0]
    assert "4 réunions du COPIL par an" in section and ">3<" in section and "75 %" in section
    assert "pas encore de valeur" in page.split('id="axe-urgence"')[1]  # no decision: no share


def test_a_hostile_evidence_file_is_refused_and_nothing_is_stored(plan, make_user, client_for, private_storage):
    client = client_for(make_user("membership_group"))
    this_year = timezone.localdate().year
    for label, (name, content) in samples.hostile_files().items():
        response = _enter(client, "formes", str(this_year), "3", SimpleUploadedFile(name, content))
        assert response.status_code == 400, label
    assert not IndicatorValue.objects.exists()
    assert not [p for p in private_storage.rglob("*") if p.is_file()]


def test_who_sees_the_plan_and_who_enters(plan, make_user, client_for, client):
    for role in ("copil_member", "copil_chair", "administrator", "auditor", "membership_group", "fundraising_group", "emergency_chair"):
        assert client_for(make_user(role)).get("/indicateurs/plan/").status_code == 200, role
        assert client_for(make_user(role)).get("/indicateurs/plan/formes/").status_code == 200, role
    for role in ("applicant", "case_officer", "member_focal_point", "country_focal_point", "emergency_member"):
        assert client_for(make_user(role)).get("/indicateurs/plan/").status_code == 403, role
    assert client.get("/indicateurs/plan/").status_code == 302
    # only the responsible group enters a value; a computed indicator takes none
    assert _enter(client_for(make_user("copil_chair")), "formes", "2025", "5").status_code == 403
    assert _enter(client_for(make_user("membership_group")), "copil", "2025", "5").status_code == 403
    assert 'name="value"' in client_for(make_user("membership_group")).get("/indicateurs/plan/formes/").content.decode()
    assert 'name="value"' not in client_for(make_user("auditor")).get("/indicateurs/plan/formes/").content.decode()
    assert not IndicatorValue.objects.exists()
