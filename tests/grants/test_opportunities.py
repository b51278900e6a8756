"""A call's page, its fit score and its time zones; the board's cost."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from grants.models import ExchangeRate, Opportunity
from grants.services import opportunity_assess
from members.models import Theme
from tests.grants.factories import FunderFactory, OrganisationFactory, make_opportunity


def test_a_call_entered_with_its_own_time_zone_is_shown_in_the_readers(fundraiser, make_user, client_for):
    # given a call closing at 17:00 Paris time, entered by the fundraising group
    funder = FunderFactory()
    client = client_for(fundraiser)
    day = (timezone.localdate() + timedelta(days=45)).isoformat()
    response = client.post(
        "/financements/opportunites/nouvelle/",
        {"funder": funder.pk, "title": "Appel Paris", "full_proposal_deadline": f"{day}T17:00", "deadline_timezone": "Europe/Paris",
         "amount_min": "10 000", "amount_max": "50 000", "currency": "EUR", "countries": ["CM", "TD"]},
    )
    assert response.status_code == 302
    opportunity = Opportunity.objects.get()
    paris = opportunity.full_proposal_deadline.astimezone(ZoneInfo("Europe/Paris"))
    assert (paris.hour, paris.minute) == (17, 0)
    # then a COPIL member in Kinshasa reads it at Kinshasa's hour, with the call's own hour beside it
    reader = make_user("copil_member", country="CD")
    page = client_for(reader).get(opportunity.get_absolute_url()).content.decode()
    kinshasa = opportunity.full_proposal_deadline.astimezone(ZoneInfo("Africa/Kinshasa"))
    assert f"{kinshasa:%H:%M}" in page and "Africa/Kinshasa" in page
    assert "17:00 heure de Europe/Paris" in page


def test_a_call_already_recorded_is_refused_with_its_reference(fundraiser, client_for):
    existing = make_opportunity(by=fundraiser, link="https://example.org/appel")
    response = client_for(fundraiser).post(
        "/financements/opportunites/nouvelle/",
        {"funder": existing.funder_id, "title": "Autre titre", "link": "https://www.example.org/appel/", "deadline_timezone": "UTC"},
    )
    assert response.status_code == 200
    assert existing.reference in response.content.decode()
    assert Opportunity.objects.count() == 1


def test_the_fit_score_adds_five_explained_parts(fundraiser, client_for):
    civic = Theme.objects.get(code="civic-space")
    lgbti = Theme.objects.get(code="lgbti-rights")
    member = OrganisationFactory(country="CM")
    member.domains.add(civic)
    OrganisationFactory(country="TD").domains.add(civic)
    funder = FunderFactory()
    opportunity = make_opportunity(
        by=fundraiser, funder=funder, amount_min=Decimal("30000000"), amount_max=Decimal("60000000"), currency="XAF"
    )
    opportunity.themes.set([civic, lgbti])
    opportunity.country_rows.create(country="CM")
    ExchangeRate.objects.create(from_currency="EUR", to_currency="XAF", rate=Decimal("655.957"), valid_on=timezone.localdate())
    assessment = opportunity_assess(reference=opportunity.reference, by=fundraiser, eligibility_met=True, capacity_rating=3)
    parts = {part["code"]: part["points"] for part in assessment.parts}
    # themes: 1 of 2 worked on by the network; countries: 1 of the 2 member countries
    # amount: 30–60 M XAF ≈ 45 700–91 500 EUR, within 20 000–500 000 EUR; eligible; capacity 3/5
    assert parts == {"theme": 10, "country": 15, "amount": 20, "eligibility": 20, "capacity": 12}
    assert assessment.score == 77
    opportunity.refresh_from_db()
    assert opportunity.fit_score == 77 and opportunity.state == Opportunity.State.ASSESSING
    page = client_for(fundraiser).get(opportunity.get_absolute_url()).content.decode()
    assert "77/100" in page
    assert "1 thème de l&#x27;appel sur 2 est travaillé par le réseau : Espace civique" in page
    assert "converti au taux" in page and "dans la fourchette du réseau" in page


def test_the_copil_is_not_asked_before_the_fit_is_assessed(fundraiser, copil, client_for):
    from approvals.models import Ballot
    from approvals.services import perform

    opportunity = make_opportunity(by=fundraiser)
    perform(opportunity, "start_assessment", by=fundraiser)
    response = client_for(fundraiser).post(f"/dossiers/{opportunity.reference}/agir/propose_to_copil/")
    assert response.status_code == 409
    assert "Évaluez d" in response.content.decode()
    assert not Ballot.objects.exists()


def test_the_board_costs_the_same_few_queries_for_5_or_50_calls(fundraiser, client_for, django_assert_max_num_queries):
    client = client_for(fundraiser)
    funder = FunderFactory()

    def board_queries(count):
        for _ in range(count - Opportunity.objects.count()):
            make_opportunity(by=fundraiser, funder=funder)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get("/financements/").status_code == 200
        return len(captured)

    small = board_queries(5)
    with django_assert_max_num_queries(small):
        big_page = client.get("/financements/")
    assert big_page.status_code == 200
    assert board_queries(50) == small


def test_the_board_is_for_the_fundraising_group_and_the_copil(make_user, client_for):
    assert client_for(make_user("member_focal_point")).get("/financements/").status_code == 403
    assert client_for(make_user("copil_member")).get("/financements/").status_code == 200


def test_only_the_fundraising_group_moves_a_call(fundraiser, make_user, client_for):
    opportunity = make_opportunity(by=fundraiser)
    member = make_user("copil_member")
    response = client_for(member).post(f"/dossiers/{opportunity.reference}/agir/drop/")
    assert response.status_code == 403
    opportunity.refresh_from_db()
    assert opportunity.state == Opportunity.State.SPOTTED
    assert client_for(fundraiser).post(f"/dossiers/{opportunity.reference}/agir/drop/").status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.state == Opportunity.State.DROPPED


def test_editing_the_deadline_moves_the_timer(fundraiser, client_for):
    opportunity = make_opportunity(by=fundraiser, days_left=10)
    new_day = timezone.localdate() + timedelta(days=30)
    response = client_for(fundraiser).post(
        f"/financements/opportunites/{opportunity.reference}/modifier/",
        {"funder": opportunity.funder_id, "title": opportunity.title, "full_proposal_deadline": f"{new_day.isoformat()}T12:00",
         "deadline_timezone": "Africa/Douala"},
    )
    assert response.status_code == 302
    opportunity.refresh_from_db()
    expected = datetime.combine(new_day, datetime.min.time().replace(hour=12), tzinfo=ZoneInfo("Africa/Douala"))
    assert opportunity.full_proposal_deadline == expected == opportunity.deadline_at


def test_an_english_reader_reads_the_board_in_english(make_user, client_for, fundraiser):
    make_opportunity(by=fundraiser, title="Appel test")
    reader = make_user("copil_member", preferred_language="en", country="GA")
    page = client_for(reader).get("/financements/").content.decode()
    assert "Calls for proposals" in page and "Being assessed" in page
    assert "Africa/Libreville" in page
