"""Every admin list page opens for a superuser, and nothing about a
sensitive dossier shows in the engine's tables there."""

import pytest
from django.contrib import admin


@pytest.fixture
def superuser_client(make_user, client_for):
    return client_for(make_user("administrator", is_staff=True, is_superuser=True))


def test_every_admin_list_page_opens(superuser_client):
    for model in admin.site._registry:
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        assert superuser_client.get(url).status_code == 200, url


def test_the_engine_tables_hide_emergency_cases(superuser_client, make_user):
    from approvals.models import TimelineEntry
    from tests.casework.factories import make_case

    case = make_case(code_name="Aigrette-7")
    assert TimelineEntry.objects.filter(dossier_reference=case.reference).exists()
    page = superuser_client.get("/admin/approvals/timelineentry/").content.decode()
    assert case.reference not in page
