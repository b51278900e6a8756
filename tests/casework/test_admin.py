from decimal import Decimal

from casework.models import Fund
from grants.models import Funder

from .factories import FundFactory


def test_an_administrator_records_a_contribution_and_the_balance_follows(make_user, client_for):
    fund = FundFactory(contributions=["1000"])
    funder = Funder.objects.create(name="Fondation X")
    admin = make_user("administrator", is_staff=True, is_superuser=True)
    response = client_for(admin).post(
        "/admin/casework/contribution/add/",
        {"fund": fund.pk, "funder": funder.pk, "donor": "", "amount": "250.50", "received_on": "2026-11-20", "reference": "VIR-1"},
    )
    assert response.status_code == 302
    fund.refresh_from_db()
    assert fund.contributed_total == Decimal("1250.50")
    assert fund.contributions.get(funder=funder).recorded_by == admin


def test_cases_are_not_in_the_admin(make_user, client_for):
    admin = make_user("administrator", is_staff=True, is_superuser=True)
    client = client_for(admin)
    assert client.get("/admin/casework/case/").status_code == 404
    index = client.get("/admin/").content.decode()
    assert "/admin/casework/fund/" in index and "/admin/casework/case/" not in index


def test_a_fund_cannot_be_deleted_in_the_admin(make_user, client_for):
    fund = FundFactory(contributions=["10"])
    admin = make_user("administrator", is_staff=True, is_superuser=True)
    client_for(admin).post(f"/admin/casework/fund/{fund.pk}/delete/", {"post": "yes"})
    assert Fund.objects.filter(pk=fund.pk).exists()
