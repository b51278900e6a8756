"""Forms a person can finish on a phone: the fields needed to submit are
marked before the first try, a refused form lists its errors at the top with
links to the fields, and amounts read as the reader's language writes them."""

import re

from tests.casework.factories import FundFactory
from tests.pages.htmlcheck import duplicate_ids, parse


def labels_marked_required(html: str) -> dict[str, bool]:
    """{label's `for`: whether the label carries the required marker}."""
    marked = {}
    for match in re.finditer(r'<label for="([^"]+)">(.*?)</label>', html, re.S):
        marked[match.group(1)] = 'class="req"' in match.group(2)
    return marked


def test_required_fields_are_marked_before_the_first_try(make_user, client_for):
    chair = make_user("emergency_chair", email="chair@example.org")
    html = client_for(chair).get("/urgence/fonds/").content.decode()
    marked = labels_marked_required(html)
    assert marked["id_name"] is True
    assert marked["id_currency"] is True
    assert marked["id_description"] is False
    assert 'title="obligatoire"' in html


def test_the_sign_in_form_marks_its_fields_too(client):
    marked = labels_marked_required(client.get("/compte/connexion/").content.decode())
    assert marked == {"id_username": True, "id_password": True}


def test_a_refused_form_lists_its_errors_at_the_top_with_links_to_the_fields(make_user, client_for):
    chair = make_user("emergency_chair", email="chair@example.org")
    response = client_for(chair).post("/urgence/fonds/", {"name": "", "currency": "", "description": "x"})
    html = response.content.decode()
    assert response.status_code == 200
    summary = html[html.index('class="errors error-summary"') :]
    summary = summary[: summary.index("</div>")]
    links = re.findall(r'<a href="#([^"]+)">', summary)
    assert links == ["id_name", "id_currency"]
    assert "corrigez 2 erreurs" in summary
    page_ids = parse(html).ids
    assert all(link in page_ids for link in links)
    # the summary comes before the fields it points at
    assert html.index("error-summary") < html.index('id="id_name"')
    assert duplicate_ids(html) == []


def test_the_summary_is_in_english_for_an_english_reader(make_user, client_for):
    chair = make_user("emergency_chair", email="chair@example.org", preferred_language="en")
    html = client_for(chair).post("/urgence/fonds/", {"name": "", "currency": "XAF"}).content.decode()
    assert "The form was not saved: correct 1 error." in html
    assert 'title="required"' in html


def test_amounts_are_written_as_the_readers_language_writes_them(make_user, client_for):
    fund = FundFactory(currency="XAF", contributions=["1234567.50", "1000"])
    french = make_user("emergency_chair", email="fr@example.org", preferred_language="fr")
    english = make_user("emergency_chair", email="en@example.org", preferred_language="en")

    page_fr = client_for(french).get(f"/urgence/fonds/{fund.pk}/").content.decode()
    page_en = client_for(english).get(f"/urgence/fonds/{fund.pk}/").content.decode()

    assert re.search(r"1[\s\u00a0\u202f]234[\s\u00a0\u202f]567,50\u00a0XAF", page_fr)
    assert re.search(r"1[\s\u00a0\u202f]000\u00a0XAF", page_fr)
    assert "1,234,567.50\u00a0XAF" in page_en
    assert "1,000\u00a0XAF" in page_en
    assert "1234567.50" not in page_fr + page_en
