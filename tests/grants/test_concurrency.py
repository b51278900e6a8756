"""Many requests at once on PostgreSQL: a sheet is imported once, a call is
recorded once, a partner confirms once."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from grants.models import Funder, Opportunity, OpportunitySheet
from grants.services import sheet_import, sheet_upload
from tests.concurrency import on_postgresql, run_at_once
from tests.factories import UserFactory

pytestmark = on_postgresql




def _content():
    day = (timezone.localdate() + timedelta(days=30)).strftime("%d/%m/%Y")
    rows = [f"Fondation Nouvelle;Appel {n};;;;1 000;2 000;EUR;{day}" for n in range(5)]
    header = "Bailleur;Titre;Lien;Thèmes;Pays éligibles;Montant min;Montant max;Devise;Date limite proposition"
    return ("\n".join([header, *rows]) + "\n").encode()


def test_one_sheet_imported_by_five_clicks_at_once_is_imported_once():
    fundraiser = UserFactory(roles=["fundraising_group"])
    sheet, parsed = sheet_upload(by=fundraiser, filename="veille.csv", content=_content())
    assert parsed.ok
    results = run_at_once(5, lambda i: sheet_import(sheet_id=sheet.pk, by=fundraiser))
    assert not [r for r in results if isinstance(r, Exception)]
    assert Opportunity.objects.count() == 5 and Funder.objects.count() == 1
    sheet.refresh_from_db()
    assert (sheet.status, sheet.created_count) == (OpportunitySheet.Status.IMPORTED, 5)


def test_two_copies_of_a_sheet_imported_at_once_record_each_call_once():
    fundraiser = UserFactory(roles=["fundraising_group"])
    sheets = [sheet_upload(by=fundraiser, filename=f"veille-{n}.csv", content=_content())[0] for n in range(2)]
    results = run_at_once(2, lambda i: sheet_import(sheet_id=sheets[i].pk, by=fundraiser))
    assert Opportunity.objects.count() == 5 and Funder.objects.count() == 1
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert all(not isinstance(r, Exception) or isinstance(r, ValidationError) for r in results)
    # the one refused wrote nothing and says to run it again, which then recognises every call
    for sheet, result in zip(sheets, results):
        if isinstance(result, ValidationError):
            assert "Relancez l'import" in result.messages[0]
            assert sheet_import(sheet_id=sheet.pk, by=fundraiser).unchanged_count == 5
    assert Opportunity.objects.count() == 5
    assert len(refused) <= 1
