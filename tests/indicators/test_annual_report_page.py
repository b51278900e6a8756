"""/indicateurs/rapport-annuel/: the COPIL's chair and the secretariat choose
a year and a language and download the report, .docx or PDF; nobody else."""

from io import BytesIO

import docx
import pytest
from django.urls import reverse

URL = "/indicateurs/rapport-annuel/"


def test_the_url_is_named():
    assert reverse("indicators:annual_report") == URL


@pytest.mark.parametrize("role", ["copil_chair", "administrator"])
def test_the_chair_and_the_secretariat_find_it_from_home(make_user, client_for, role):
    client = client_for(make_user(role))
    assert URL in client.get("/").content.decode()
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="year"' in html and 'name="language"' in html and 'name="format"' in html


@pytest.mark.parametrize("role", ["copil_member", "auditor", "emergency_chair", "applicant"])
def test_others_may_not(make_user, client_for, role):
    client = client_for(make_user(role))
    assert URL not in client.get("/").content.decode()
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"year": "2025", "language": "fr", "format": "docx"}).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "next=" in response["Location"]


def test_the_chair_downloads_the_docx_in_english(make_user, client_for):
    response = client_for(make_user("copil_chair")).post(URL, {"year": "2025", "language": "en", "format": "docx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert response["Content-Disposition"] == 'attachment; filename="rapport-annuel-2025-en.docx"'
    document = docx.Document(BytesIO(response.content))
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == ["Annual report 2025"]


def test_the_secretariat_downloads_the_pdf(make_user, client_for):
    response = client_for(make_user("administrator")).post(URL, {"year": "2025", "language": "fr", "format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "data",
    [{}, {"year": "1990", "language": "fr", "format": "docx"}, {"year": "2025", "language": "xx", "format": "docx"},
     {"year": "2025", "language": "fr", "format": "exe"}],
)
def test_a_bad_choice_shows_the_form_again(make_user, client_for, data):
    response = client_for(make_user("copil_chair")).post(URL, data)
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
