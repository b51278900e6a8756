"""Emergency intake uses the engine's status links: one public page, and the
links handed out before (casework's own tokens) keep working."""

import hashlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from approvals.models import StatusLink, TimelineEntry
from approvals.services import status_link_issue
from casework.services import case_identity_erase

from .factories import LEGAL_NAME, NARRATIVE, make_case
from .test_story import _apply

BEFORE = [("casework", "0002_role_permissions")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_link_handed_out_before_the_move_still_opens_the_same_page(client):
    # given a case whose defender was given a casework token (the old table)
    case = make_case(code_name="Iroko-Calao-42")
    revoked_case = make_case(code_name="Acacia-Ibis-17")
    latest = _latest()
    try:
        old_apps = _migrate(BEFORE)
        StatusToken = old_apps.get_model("casework", "StatusToken")
        StatusToken.objects.create(case_id=case.pk, token_hash=hashlib.sha256(b"bookmarked-secret").hexdigest())
        StatusToken.objects.create(
            case_id=revoked_case.pk,
            token_hash=hashlib.sha256(b"revoked-secret").hexdigest(),
            revoked_at="2026-01-02T03:04:05Z",
        )
    finally:
        # when the migrations run (and, whatever happened, the schema is back)
        _migrate(latest)

    # then the token is an engine link of the case, with nothing else changed
    link = StatusLink.objects.get(dossier_reference=case.reference)
    assert link.dossier == case and link.revoked_at is None
    assert StatusLink.objects.get(dossier_reference=revoked_case.reference).revoked_at is not None
    # the defender's bookmark (the old address) answers, and so does the engine's
    bookmark = client.get(f"/urgence/suivi/{case.reference}/bookmarked-secret/")
    engine = client.get(f"/suivi/{case.reference}/bookmarked-secret/")
    assert bookmark.status_code == engine.status_code == 200
    assert bookmark.content == engine.content
    page = bookmark.content.decode()
    assert case.reference in page and "Demande reçue" in page
    assert "Iroko" not in page and LEGAL_NAME not in page and NARRATIVE not in page
    assert bookmark["Cache-Control"].startswith("no-store")
    # a link revoked before the move stays revoked
    assert client.get(f"/urgence/suivi/{revoked_case.reference}/revoked-secret/").status_code == 404


def test_the_public_page_of_a_case_shows_its_label_and_last_change_only(emergency, client):
    # given a defender's application
    received = _apply(client, code_name="", urgency="high")
    page = received.content.decode()
    reference = page.split("/suivi/", 1)[1].split("/", 1)[0]
    token = page.split(f"/suivi/{reference}/", 1)[1].split("/", 1)[0]
    # when they open their link
    response = client.get(f"/suivi/{reference}/{token}/")
    # then they see the discreet label and a date, no steps and nothing they wrote
    body = response.content.decode()
    assert response.status_code == 200
    assert "Demande reçue" in body and "Dernière mise à jour" in body
    assert 'class="timeline"' not in body
    assert LEGAL_NAME not in body and NARRATIVE not in body and "Colibri" not in body


def test_issuing_a_link_again_revokes_the_defenders_first_one(emergency, officer, client):
    received = _apply(client)
    page = received.content.decode()
    reference = page.split("/suivi/", 1)[1].split("/", 1)[0]
    first = page.split(f"/suivi/{reference}/", 1)[1].split("/", 1)[0]
    case = StatusLink.objects.get(dossier_reference=reference).dossier
    second = status_link_issue(dossier=case, by=None)
    assert client.get(f"/urgence/suivi/{reference}/{first}/").status_code == 404
    assert client.get(f"/urgence/suivi/{reference}/{second}/").status_code == 200


def test_erasing_an_identity_stops_its_status_links(emergency, client):
    case = make_case()
    token = status_link_issue(dossier=case, by=None)
    assert client.get(f"/suivi/{case.reference}/{token}/").status_code == 200
    assert case_identity_erase(case_id=case.pk)
    assert client.get(f"/suivi/{case.reference}/{token}/").status_code == 404
    assert TimelineEntry.objects.filter(dossier_reference=case.reference, comment__startswith="Liens de suivi révoqués").exists()
