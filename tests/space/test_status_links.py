"""Status links without an account: issued by handlers, stored hashed,
revoked and re-issued; the page shows the public state only; a wrong
reference and a wrong token get byte-identical answers; guessing is throttled."""

import pytest

from approvals.models import StatusLink
from approvals.services import perform, status_link_issue, status_link_revoke
from tests.members.factories import ApplicationFactory


@pytest.fixture
def application(reviewer):
    application = ApplicationFactory(name="Association Lumière")
    perform(application, "submit", by=application.owner)
    perform(application, "start_screening", by=reviewer, comment="Note interne")
    return application


def _link_token(client_for, reviewer, application):
    response = client_for(reviewer).post(f"/dossiers/{application.reference}/lien-de-suivi/", {"action": "issue"})
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index(f"/suivi/{application.reference}/") + len(f"/suivi/{application.reference}/")
    return page[start : page.index("/", start)]


def test_a_handler_issues_a_link_that_shows_the_public_state_only(client, client_for, reviewer, application):
    token = _link_token(client_for, reviewer, application)
    # only the hash is kept
    link = StatusLink.objects.get(dossier_reference=application.reference)
    assert token not in link.token_hash and len(link.token_hash) == 64
    # when anyone opens it, without an account
    response = client.get(f"/suivi/{application.reference}/{token}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert application.reference in page and "En cours d&#x27;examen" in page
    assert application.name not in page and "Note interne" not in page
    assert response["Cache-Control"].startswith("no-store")
    link.refresh_from_db()
    assert link.last_used_at is not None


def test_reissue_and_revoke_stop_earlier_links(client, reviewer, application):
    first = status_link_issue(dossier=application, by=reviewer)
    second = status_link_issue(dossier=application, by=reviewer)
    assert client.get(f"/suivi/{application.reference}/{first}/").status_code == 404
    assert client.get(f"/suivi/{application.reference}/{second}/").status_code == 200
    status_link_revoke(dossier=application, by=reviewer)
    assert client.get(f"/suivi/{application.reference}/{second}/").status_code == 404


def test_the_applicant_cannot_issue_a_link_for_itself(client_for, application):
    response = client_for(application.owner).post(f"/dossiers/{application.reference}/lien-de-suivi/", {"action": "issue"})
    assert response.status_code == 403
    assert not StatusLink.objects.exists()


def test_wrong_reference_and_wrong_token_get_identical_answers(client, reviewer, application):
    token = status_link_issue(dossier=application, by=reviewer)
    wrong_token = client.get(f"/suivi/{application.reference}/{'x' * len(token)}/")
    wrong_reference = client.get(f"/suivi/ADH-1999-9999/{token}/")
    assert wrong_token.status_code == wrong_reference.status_code == 404
    assert wrong_token.content == wrong_reference.content
    assert sorted(wrong_token.items()) == sorted(wrong_reference.items())


def test_guessing_is_throttled_after_a_few_tries(client, reviewer, application):
    token = status_link_issue(dossier=application, by=reviewer)
    # successes are not counted
    for _ in range(6):
        assert client.get(f"/suivi/{application.reference}/{token}/").status_code == 200
    # five wrong guesses
    for attempt in range(5):
        assert client.get(f"/suivi/{application.reference}/guess{attempt}/").status_code == 404
    # then even the right link is refused a while, with a clear message
    response = client.get(f"/suivi/{application.reference}/{token}/")
    assert response.status_code == 429
    assert "Trop d&#x27;essais" in response.content.decode() or "Trop d'essais" in response.content.decode()
    # another address is not affected
    assert client.get(f"/suivi/{application.reference}/{token}/", REMOTE_ADDR="10.9.9.9").status_code == 200
