"""COPIL members and auditors see figures, never anyone."""

import csv
import io
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from approvals.models import TimelineEntry
from approvals.services import perform
from casework.models import Case, CaseAccessLog

from .factories import LEGAL_NAME, NARRATIVE, make_case


def test_aggregates_hide_small_groups(emergency, make_user, client_for):
    for _ in range(4):
        make_case(country="CM", gender="female")
    for _ in range(3):
        make_case(country="GA", gender="female")
    make_case(country="TD", gender="male", code_name="Iroko-Calao-12")
    auditor = make_user("auditor")
    response = client_for(auditor).get("/urgence/chiffres/")
    assert response.status_code == 200
    page = response.content.decode()
    # four cases in Cameroon are shown; the single one in Chad is not singled out,
    # nor deduced from the total: the next smallest group (Gabon) is hidden with it
    rows = {line.split("</td>")[0].rsplit(">", 1)[-1]: line for line in page.split("<tr>")[1:]}
    assert ">4<" in rows["Cameroun"] and "&lt;3" in rows["Tchad"] and "&lt;3" in rows["Gabon"]
    assert "Iroko" not in page and "URG-" not in page and LEGAL_NAME not in page


def test_the_export_is_anonymised_and_logged(emergency, make_user, client_for):
    cases = [make_case(code_name=f"Baobab-{i}") for i in range(3)] + [make_case(country="GA", profile="unionist")]
    copil = make_user("copil_member")
    response = client_for(copil).get("/urgence/chiffres/export.csv")
    assert response.status_code == 200
    content = response.content.decode()
    for case in cases:
        assert case.reference not in content and case.code_name not in content
    assert LEGAL_NAME not in content and NARRATIVE not in content
    rows = list(csv.DictReader(io.StringIO(content)))
    assert len(rows) == 4 and len({row["row"] for row in rows}) == 4
    # the lone Gabonese unionist is not identifiable by her country and profile
    assert not any(row["country"] == "GA" for row in rows)
    assert all(row["received_quarter"].count("-T") == 1 for row in rows)
    assert CaseAccessLog.objects.filter(user=copil, part="export", case=None).exists()


def test_statistics_need_the_role(emergency, make_user, client_for):
    assert client_for(make_user("applicant")).get("/urgence/chiffres/").status_code == 403
    assert client_for(make_user("case_officer")).get("/urgence/chiffres/export.csv").status_code == 403


def test_retention_erases_identities_of_long_closed_cases_and_keeps_figures(emergency, chair, settings):
    settings.RELAIS_CASE_RETENTION_MONTHS = 24
    old = make_case()
    recent = make_case()
    still_open = make_case()
    for case in (old, recent):
        perform(case, "withdraw", by=chair, comment="test")
    Case.objects.filter(pk=old.pk).update(state_entered_at=timezone.now() - timedelta(days=800))
    Case.objects.filter(pk=still_open.pk).update(state_entered_at=timezone.now() - timedelta(days=800))

    out = io.StringIO()
    call_command("erase_closed_case_identities", "--dry-run", stdout=out)
    assert old.reference in out.getvalue() and recent.reference not in out.getvalue()
    assert Case.objects.get(pk=old.pk).legal_name == LEGAL_NAME

    out = io.StringIO()
    call_command("erase_closed_case_identities", stdout=out)
    assert "1 cas" in out.getvalue() and old.reference in out.getvalue()
    erased = Case.objects.get(pk=old.pk)
    assert erased.legal_name == erased.threat_narrative == erased.whereabouts == erased.phone == ""
    assert erased.identity_erased_at is not None
    assert (erased.country, erased.gender, erased.profile, erased.code_name) == ("CG", "female", "journalist", "Colibri-7")
    assert TimelineEntry.objects.filter(dossier_reference=old.reference, comment__contains="Identité effacée").exists()
    assert Case.objects.get(pk=recent.pk).legal_name == LEGAL_NAME
    assert Case.objects.get(pk=still_open.pk).legal_name == LEGAL_NAME
    # running it again erases nothing more
    out = io.StringIO()
    call_command("erase_closed_case_identities", stdout=out)
    assert "0 cas" in out.getvalue()
