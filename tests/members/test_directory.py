"""The directory: who sees which fields, on the page and in the exports."""

import csv
import html
import io

import pytest
from openpyxl import load_workbook

from members.models import Organisation, TargetGroup, Theme

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def member_org(make_organisation):
    return make_organisation(
        name="Maison des Droits de l'Homme du Littoral",
        acronym="MDHL",
        country="CM",
        province="Littoral-Secret-Province",
        email="mdhl-membres@example.org",
        phone="+237 699 12 34 56",
        registration_number="N° 0777/RDA/J06/BAPP",
        description="Accompagnement juridique.",
    )


def csv_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(response):
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return [[cell if cell is not None else "" for cell in row] for row in workbook.active.iter_rows(values_only=True)]


def flat(rows) -> str:
    return " | ".join(" | ".join(str(cell) for cell in row) for row in rows)


def test_an_anonymous_visitor_sees_only_public_fields_on_the_page_and_in_the_exports(client, member_org):
    # when an anonymous visitor opens the directory, the organisation page and both exports
    listing = text(client.get("/membres/repertoire/"))
    page = text(client.get(f"/membres/repertoire/{member_org.pk}/"))
    csv_export = flat(csv_rows(client.get("/membres/repertoire/export.csv")))
    xlsx_export = flat(xlsx_rows(client.get("/membres/repertoire/export.xlsx")))
    # then public fields are there, and no member or committee field
    for shown in (listing, page, csv_export, xlsx_export):
        assert "Maison des Droits de l'Homme du Littoral" in shown and "MDHL" in shown and "Cameroun" in shown
        assert "Espace civique" in shown  # a public field: its domain
        assert "mdhl-membres@example.org" not in shown  # members
        assert "Littoral-Secret-Province" not in shown  # members
        assert "699 12 34 56" not in shown  # committee
        assert "0777/RDA" not in shown  # committee
    assert csv_rows(client.get("/membres/repertoire/export.csv"))[0][:3] == ["nom légal", "sigle", "pays"]


def test_a_member_sees_member_fields_but_not_committee_fields(client_for, make_user, make_organisation, member_org):
    focal_point = make_user("member_focal_point")
    make_organisation(name="Organisation du point focal", focal_points=[focal_point])
    client = client_for(focal_point)
    page = text(client.get(f"/membres/repertoire/{member_org.pk}/"))
    export = flat(xlsx_rows(client.get("/membres/repertoire/export.xlsx")))
    for shown in (page, export):
        assert "mdhl-membres@example.org" in shown and "Littoral-Secret-Province" in shown
        assert "699 12 34 56" not in shown and "0777/RDA" not in shown


def test_a_copil_member_sees_committee_fields(client_for, make_user, member_org):
    client = client_for(make_user("copil_member"))
    page = text(client.get(f"/membres/repertoire/{member_org.pk}/"))
    export = flat(csv_rows(client.get("/membres/repertoire/export.csv")))
    for shown in (page, export):
        assert "mdhl-membres@example.org" in shown
        assert "+237 699 12 34 56" in shown and "N° 0777/RDA/J06/BAPP" in shown


def test_an_applicant_or_auditor_is_not_a_member_reader(client_for, make_user, member_org):
    for role in ("applicant", "auditor"):
        page = text(client_for(make_user(role)).get(f"/membres/repertoire/{member_org.pk}/"))
        assert "MDHL" in page and "mdhl-membres@example.org" not in page


def test_a_committee_reader_may_look_as_the_public(client_for, make_user, member_org):
    page = text(client_for(make_user("copil_chair")).get(f"/membres/repertoire/{member_org.pk}/?vue=public"))
    assert "MDHL" in page and "0777/RDA" not in page


def test_free_text_search_does_not_look_into_hidden_fields(client, client_for, make_user, member_org):
    # the public cannot find an organisation by its (committee-only) phone number
    assert "MDHL" not in text(client.get("/membres/repertoire/?q=699+12+34"))
    assert "MDHL" in text(client.get("/membres/repertoire/?q=droits+de+l'homme"))
    copil = client_for(make_user("copil_member"))
    assert "MDHL" in text(copil.get("/membres/repertoire/?q=699+12+34"))


def test_search_by_country_domain_and_target_group(client, make_organisation):
    land = Theme.objects.get(code="land-natural-resources")
    rural = TargetGroup.objects.get(code="rural-communities")
    make_organisation(name="Forêts et Communautés du Tchad", country="TD", domains=[land], target_groups=[rural])
    make_organisation(name="Observatoire des Élections du Congo", country="CG")
    page = text(client.get(f"/membres/repertoire/?country=TD&domain={land.code}&target_group={rural.code}"))
    assert "Forêts et Communautés du Tchad" in page and "Observatoire des Élections" not in page
    page = text(client.get("/membres/repertoire/?country=CG"))
    assert "Observatoire des Élections du Congo" in page and "Forêts" not in page
    export = flat(csv_rows(client.get("/membres/repertoire/export.csv?country=CG")))
    assert "Observatoire des Élections du Congo" in export and "Forêts" not in export


def test_the_public_sees_active_members_only(client, client_for, make_user, make_organisation):
    make_organisation(name="Organisation suspendue", state=Organisation.State.SUSPENDED)
    make_organisation(name="Organisation exclue", state=Organisation.State.EXCLUDED)
    page = text(client.get("/membres/repertoire/"))
    assert "Organisation suspendue" not in page and "Organisation exclue" not in page
    page = text(client_for(make_user("copil_member")).get("/membres/repertoire/"))
    assert "Organisation suspendue" in page and "Organisation exclue" in page
    excluded = Organisation.objects.get(name="Organisation exclue")
    assert client.get(f"/membres/repertoire/{excluded.pk}/").status_code == 404


def test_exports_neutralise_spreadsheet_formulas(client, make_organisation):
    make_organisation(name="=HYPERLINK(\"http://evil\")", acronym="EVIL")
    rows = csv_rows(client.get("/membres/repertoire/export.csv"))
    assert any(row[0].startswith("'=") for row in rows[1:])


@pytest.mark.parametrize("count", [5, 50])
def test_the_directory_costs_the_same_few_queries_for_5_or_50_members(client_for, make_user, make_organisation, django_assert_max_num_queries, count):
    reader = make_user("copil_member")
    client = client_for(reader)
    for number in range(count):
        make_organisation(name=f"Organisation {number}", focal_points=[make_user()])
    with django_assert_max_num_queries(14):
        response = client.get("/membres/repertoire/")
    assert text(response).count("Organisation ") >= count
    with django_assert_max_num_queries(14):
        client.get("/membres/repertoire/export.xlsx")
