"""Import of calls from the fundraising group's sheet (CSV or XLSX)."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from grants.models import Funder, Opportunity, OpportunitySheet
from tests.grants.factories import FunderFactory


def _day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).strftime("%d/%m/%Y")


def _csv(rows, *, header="Bailleur;Titre;Lien;Thèmes;Pays éligibles;Montant min;Montant max;Devise;Date limite proposition;Fuseau horaire"):
    text = "\n".join([header, *rows]) + "\n"
    return text.encode("utf-8-sig")


def _upload(client, content, name="veille.csv"):
    return client.post("/financements/import/", {"sheet": SimpleUploadedFile(name, content)})


def test_a_sheet_with_a_bad_date_and_an_unknown_currency_is_refused_with_both_errors_located(fundraiser, client_for):
    # given a sheet of three calls: row 3 has an impossible date, row 4 a currency nobody uses
    FunderFactory(name="Fondation Horizon")
    content = _csv(
        [
            f"Fondation Horizon;Défenseurs en sécurité;https://horizon.example/a;Espace civique;Cameroun;50 000;150 000;EUR;{_day(60)} 17:00;Europe/Paris",
            "Fondation Horizon;Justice pour tous;https://horizon.example/b;;Tchad;10 000;20 000;USD;31/02/2026;",
            f"Ambassade de Nordlande;Voix des femmes;https://nordlande.example/c;Droits des femmes;Gabon;5 000;9 000;GBP;{_day(40)};",
        ]
    )
    # when the fundraising group uploads it
    response = _upload(client_for(fundraiser), content)
    # then it is refused, and each error names its row and column
    assert response.status_code == 400
    page = response.content.decode()
    assert "2 erreurs : rien n&#x27;a été importé" in page or "2 erreurs : rien n'a été importé" in page
    assert "<td>3</td><td>I (Date limite proposition)</td>" in page and "Date illisible" in page
    assert "<td>4</td><td>H (Devise)</td>" in page and "Devise inconnue : GBP" in page
    # and nothing was written: no call, no new funder, no sheet kept
    assert Opportunity.objects.count() == 0
    assert not Funder.objects.filter(name__icontains="Nordlande").exists()
    assert OpportunitySheet.objects.count() == 0


def test_a_correct_sheet_is_previewed_then_imported_in_one_go_and_again_creates_nothing(fundraiser, client_for):
    client = client_for(fundraiser)
    FunderFactory(name="Fondation Horizon", acronym="FH")
    content = _csv(
        [
            f"FH;Défenseurs en sécurité;horizon.example/a;Espace civique, Droits des femmes;Cameroun, RDC;50 000;150 000;EUR;{_day(60)} 17:00;Europe/Paris",
            f"Ambassade de Nordlande;Voix des femmes;;Droits des femmes;Tous;5 000,50;9 000;FCFA;{_day(40)};",
        ]
    )
    # when the sheet is uploaded, a preview shows both rows and nothing is written yet
    response = _upload(client, content)
    assert response.status_code == 302
    preview = client.get(response["Location"]).content.decode()
    assert "Défenseurs en sécurité" in preview and "nouveau bailleur" in preview
    assert Opportunity.objects.count() == 0
    # when "Importer" is pressed (twice, as a double click would)
    client.post(response["Location"])
    client.post(response["Location"])
    # then both calls exist once, with their details
    assert Opportunity.objects.count() == 2
    first = Opportunity.objects.get(title="Défenseurs en sécurité")
    assert first.funder.name == "Fondation Horizon" and first.link == "https://horizon.example/a"
    assert sorted(first.country_codes) == ["CD", "CM"]
    assert sorted(first.themes.values_list("code", flat=True)) == ["civic-space", "womens-rights"]
    assert (first.amount_min, first.amount_max, first.currency) == (50000, 150000, "EUR")
    assert str(first.full_proposal_deadline.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Paris")).time()) == "17:00:00"
    assert first.deadline_at == first.full_proposal_deadline  # the timer follows the call's deadline
    second = Opportunity.objects.get(title="Voix des femmes")
    assert second.currency == "XAF" and str(second.amount_min) == "5000.50" and second.country_codes == []
    assert Funder.objects.filter(name="Ambassade de Nordlande").count() == 1
    sheet = OpportunitySheet.objects.get()
    assert (sheet.created_count, sheet.updated_count, sheet.unchanged_count) == (2, 0, 0)

    # when the same sheet is imported again
    response = _upload(client, content)
    client.post(response["Location"])
    # then nothing is duplicated, and the report says so
    assert Opportunity.objects.count() == 2
    again = OpportunitySheet.objects.order_by("-pk").first()
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 2)
    page = client.get(again.get_absolute_url()).content.decode()
    assert "0 créée(s), 0 mise(s) à jour, 2 inchangée(s)" in page


def test_a_changed_row_updates_its_call_instead_of_duplicating_it(fundraiser, client_for):
    client = client_for(fundraiser)
    FunderFactory(name="Fondation Horizon")
    row = "Fondation Horizon;Défenseurs en sécurité;https://horizon.example/a;;;50 000;150 000;EUR;{day};"
    client.post(_upload(client, _csv([row.format(day=_day(60))]))["Location"])
    client.post(_upload(client, _csv([row.format(day=_day(75))]), name="veille-v2.csv")["Location"])
    opportunity = Opportunity.objects.get()
    assert opportunity.full_proposal_deadline.date() == timezone.localdate() + timedelta(days=75)
    assert opportunity.deadline_at == opportunity.full_proposal_deadline
    assert OpportunitySheet.objects.order_by("-pk").first().updated_count == 1


def test_an_xlsx_sheet_with_english_headers_and_real_dates_is_imported(fundraiser, client_for):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["funder", "title", "currency", "amount_max", "full_proposal_deadline", "timezone", "eligible_countries"])
    deadline = (timezone.localtime() + timedelta(days=50)).replace(tzinfo=None, hour=12, minute=0, second=0, microsecond=0)
    sheet.append(["Global Rights Fund", "Rapid response", "USD", 25000, deadline, "UTC", "Cameroon; Chad"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = client_for(fundraiser)
    response = _upload(client, buffer.getvalue(), name="calls.xlsx")
    assert response.status_code == 302
    client.post(response["Location"])
    opportunity = Opportunity.objects.get()
    assert opportunity.amount_max == 25000 and opportunity.currency == "USD"
    assert opportunity.full_proposal_deadline.astimezone(__import__("datetime").timezone.utc).hour == 12
    assert sorted(opportunity.country_codes) == ["CM", "TD"]


def test_only_the_fundraising_group_may_import(make_user, client_for):
    member = make_user("copil_member")
    response = _upload(client_for(member), _csv([]))
    assert response.status_code == 403
