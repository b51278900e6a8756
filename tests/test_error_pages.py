"""Error pages say what to do next, in the reader's language, and nothing
about what was asked for."""

from django.test import Client, override_settings


@override_settings(DEBUG=False)
def test_a_missing_page_is_a_plain_french_404(db, client_for, make_user):
    response = client_for(make_user("applicant")).get("/dossiers/ADH-2026-9999/")
    assert response.status_code == 404
    main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    # nothing says whether such a dossier exists
    assert "Page introuvable" in main and "ADH-2026-9999" not in main


@override_settings(DEBUG=False)
def test_a_server_error_shows_no_detail(db):
    from django.urls import path

    def boom(request):
        raise RuntimeError("secret detail: Awa Ndiaye, Bangui")

    urlpatterns = [path("boom/", boom)]
    with override_settings(ROOT_URLCONF=type("urls", (), {"urlpatterns": urlpatterns})):
        response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Une erreur est survenue" in page and "Awa Ndiaye" not in page and "Bangui" not in page
