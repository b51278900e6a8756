"""The donor map, and money: totals within one currency, converted only at a
recorded rate shown with its date."""

from datetime import date
from decimal import Decimal

import pytest

from grants.models import BudgetLine, Funder
from grants.money import parse_amount
from grants.selectors import budget_totals
from grants.services import proposal_create, proposal_partner_add
from members.models import Theme
from tests.grants.factories import FunderFactory, make_opportunity, member_with_focal_point


def test_the_funder_by_theme_view_shows_where_money_for_a_theme_may_come_from(fundraiser, make_user, client_for):
    women = Theme.objects.get(code="womens-rights")
    generous = FunderFactory(name="Fonds pour les femmes")
    generous.themes.add(women)
    FunderFactory(name="Fonds pour la terre").themes.add(Theme.objects.get(code="land-natural-resources"))
    make_opportunity(by=fundraiser, funder=generous, themes=["womens-rights"])
    page = client_for(make_user("copil_member")).get("/financements/bailleurs/par-theme/").content.decode()
    row = page.split('id="theme-%d"' % women.pk, 1)[1].split("</tr>", 1)[0]
    assert "Fonds pour les femmes</a> (1)" in row and "Fonds pour la terre" not in row


def test_the_funder_by_country_view(fundraiser, client_for):
    chad = FunderFactory(name="Coopération du Nord")
    chad.country_rows.create(country="TD")
    page = client_for(fundraiser).get("/financements/bailleurs/par-pays/").content.decode()
    assert "Coopération du Nord" in page.split('id="country-TD"', 1)[1].split("</tr>", 1)[0]
    assert "Coopération du Nord" not in page.split('id="country-CM"', 1)[1].split("</tr>", 1)[0]


def test_the_fundraising_group_keeps_the_donor_map(fundraiser, client_for):
    client = client_for(fundraiser)
    response = client.post("/financements/bailleurs/nouveau/", {
        "name": "Ambassade de Nordlande", "kind": "embassy", "relationship": "prospect",
        "usual_grant_min": "5 000", "usual_grant_max": "25 000", "currency": "EUR", "countries": ["CM", "GA"],
    })
    assert response.status_code == 302
    funder = Funder.objects.get()
    assert sorted(funder.countries) == ["CM", "GA"] and funder.usual_grant_min == Decimal("5000")
    client.post(f"/financements/bailleurs/{funder.pk}/contacts/", {"name": "Mme Berg", "position": "Attachée"})
    client.post(f"/financements/bailleurs/{funder.pk}/historique/",
                {"happened_on": "2025-05-02", "kind": "grant", "summary": "Appui 2025", "amount": "12 000", "currency": "EUR"})
    page = client.get(funder.get_absolute_url()).content.decode()
    assert "Mme Berg" in page and "Appui 2025" in page and "12\xa0000 EUR" in page or "12 000 EUR" in page
    # the same name twice is refused, whatever the case
    response = client.post("/financements/bailleurs/nouveau/", {"name": "ambassade de nordlande", "kind": "embassy", "relationship": "prospect"})
    assert response.status_code == 200 and Funder.objects.count() == 1


def test_an_amount_without_currency_is_refused(fundraiser, client_for):
    response = client_for(fundraiser).post("/financements/bailleurs/nouveau/", {
        "name": "Sans devise", "kind": "foundation", "relationship": "prospect", "usual_grant_min": "5 000"})
    assert response.status_code == 200 and "Indiquez la devise" in response.content.decode()
    assert not Funder.objects.exists()


def test_a_member_focal_point_does_not_see_the_donor_map(make_user, client_for):
    assert client_for(make_user("member_focal_point")).get("/financements/bailleurs/").status_code == 403


@pytest.mark.parametrize(
    "typed, expected",
    [("50 000", "50000.00"), ("12 500,50", "12500.50"), ("1,250,000", "1250000.00"), ("1.250.000", "1250000.00"),
     ("75000", "75000.00"), ("3,5", "3.50"), ("2 000 000 FCFA", "2000000.00"), (12.1, "12.10")],
)
def test_amounts_are_read_as_people_type_them(typed, expected):
    assert parse_amount(typed) == Decimal(expected)


@pytest.mark.parametrize("typed", ["abc", "-5", "1e400", "NaN"])
def test_unreadable_amounts_are_refused(typed):
    with pytest.raises(ValueError):
        parse_amount(typed)


def test_budget_totals_stay_within_one_currency_until_a_rate_is_recorded(fundraiser, client_for):
    lead, lead_focal = member_with_focal_point(email="lead@example.org")
    partner, _ = member_with_focal_point(email="partner@example.org", country="CD")
    proposal = proposal_create(by=fundraiser, title="Projet", lead_organisation_id=lead.pk, currency="EUR")
    proposal_partner_add(reference=proposal.reference, by=fundraiser, organisation_id=partner.pk, role="Suivi", budget_share_percent=40)
    for organisation, category, amount, currency in [
        (lead, "staff", "30000", "EUR"), (lead, "travel", "5000.50", "EUR"),
        (partner, "activities", "6559570", "XAF"), (partner, "staff", "1000", "USD"),
    ]:
        BudgetLine.objects.create(proposal=proposal, organisation=organisation, category=category, description="x",
                                  amount=Decimal(amount), currency=currency)
    totals = budget_totals(proposal)
    assert {(r["currency"], r["total"]) for r in totals["by_currency"]} == {
        ("EUR", Decimal("35000.50")), ("XAF", Decimal("6559570")), ("USD", Decimal("1000"))}
    assert {(r["category"], r["currency"], r["total"]) for r in totals["by_category"]} >= {("staff", "EUR", Decimal("30000"))}
    assert totals["converted_total"] is None and sorted(totals["missing_rates"]) == ["USD", "XAF"]
    page = client_for(lead_focal).get(proposal.get_absolute_url()).content.decode()
    assert "Pas de total converti" in page

    # once both rates are recorded, a converted total appears with the rates and their dates
    client = client_for(fundraiser)
    client.post("/financements/taux/", {"from_currency": "EUR", "to_currency": "XAF", "rate": "655,957", "valid_on": "2026-01-05"})
    client.post("/financements/taux/", {"from_currency": "USD", "to_currency": "EUR", "rate": "0.92", "valid_on": "2026-01-06"})
    totals = budget_totals(proposal)
    # 35 000.50 + 6 559 570 / 655.957 (= 10 000.00) + 1 000 × 0.92
    assert totals["converted_total"] == Decimal("45920.50")
    assert {(r["from"], r["date"]) for r in totals["rates"]} == {("XAF", date(2026, 1, 5)), ("USD", date(2026, 1, 6))}
    page = client_for(lead_focal).get(proposal.get_absolute_url()).content.decode()
    assert "converti aux taux enregistrés" in page and "1 USD = 0,92 EUR" in page


def test_a_recorded_rate_is_never_overwritten(fundraiser, client_for):
    client = client_for(fundraiser)
    client.post("/financements/taux/", {"from_currency": "EUR", "to_currency": "XAF", "rate": "655.957", "valid_on": "2026-01-05"})
    response = client.post("/financements/taux/", {"from_currency": "EUR", "to_currency": "XAF", "rate": "700", "valid_on": "2026-01-05"})
    assert response.status_code == 400
    from grants.models import ExchangeRate

    assert ExchangeRate.objects.get().rate == Decimal("655.957")
