"""A NUL byte in any request parameter is refused with a 400 before any
view (PostgreSQL cannot store one: a view reading a raw field gave a 500,
found by the form fuzz on a dossier's messages)."""

from django.test import Client

from approvals.models import DossierMessage
from tests.space.factories import membership_dossier


def test_a_message_with_a_nul_byte_is_refused_and_not_written(db, client_for, make_user):
    a = membership_dossier(tag="Nul", handler=make_user("membership_group"))
    client = client_for(a["user"])
    client.raise_request_exception = False
    before = DossierMessage.objects.count()
    response = client.post(f"/dossiers/{a['dossier'].reference}/messages/", {"body": "Bonjour\x00"})
    assert response.status_code == 400
    assert "caractère invisible" in response.content.decode()  # the reason, on the site's error page
    assert DossierMessage.objects.count() == before
    # the same message without it goes through
    response = client.post(f"/dossiers/{a['dossier'].reference}/messages/", {"body": "Bonjour"})
    assert response.status_code == 302
    assert DossierMessage.objects.count() == before + 1


def test_a_nul_byte_in_a_query_string_or_a_field_name_is_refused(db):
    client = Client(raise_request_exception=False)
    assert client.get("/membres/repertoire/", {"q": "a\x00b"}).status_code == 400
    assert client.post("/membres/adhesion/", {"name\x00": "x"}).status_code == 400
    assert client.get("/membres/repertoire/", {"q": "ab"}).status_code == 200
